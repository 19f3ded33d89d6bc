/**
 * Lifecycle actions completed: the {@link ddns.lifecycle.LifecycleActions} port through which an
 * Auto Scaling lifecycle action that holds an instance for this tool is let go once its records are
 * written or removed (docs/behaviour.md, "Lifecycle hooks").
 */
package ddns.lifecycle;
