/**
 * Alerts: permanent problems with instances (and workplaces that cannot be read), published as one
 * digest per run; an instance is left out of it for a day while its problems stay the same.
 */
package ddns.alert;
