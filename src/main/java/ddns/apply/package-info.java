/**
 * Step 4, changes applied: creates the zones and associations records need, plans the batch from
 * the registry and what it says Route 53 holds (reading what Route 53 refuses, or everything for a
 * dry run and a reconcile) and applies it in the safe order (claims, Route 53, releases),
 * re-planning after a refusal or a lost race.
 */
package ddns.apply;
