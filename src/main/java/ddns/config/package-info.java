/** The settings: every DDNS_* variable, read once into one record. */
package ddns.config;
