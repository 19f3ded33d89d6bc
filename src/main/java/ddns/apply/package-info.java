/**
 * Step 4, changes applied: creates the zones and associations records need, reads the live records,
 * plans the batch and applies it in the safe order (claims, Route 53, releases), re-planning after
 * a lost race.
 */
package ddns.apply;
