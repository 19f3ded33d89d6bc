/**
 * Alerts: permanent problems with one instance, published once per instance and not again for a day
 * while they stay the same.
 */
package ddns.alert;
