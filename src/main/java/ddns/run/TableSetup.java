package ddns.run;

import ddns.registry.OwnershipRegistry;
import java.util.concurrent.atomic.AtomicBoolean;

/** Creates the registry table on first need, once per process, when the settings ask for it. */
final class TableSetup {
  private final OwnershipRegistry registry;
  private final boolean create;
  private final AtomicBoolean ready = new AtomicBoolean();

  TableSetup(OwnershipRegistry registry, boolean create) {
    this.registry = registry;
    this.create = create;
  }

  void ensure(boolean dryRun) {
    if (create && !dryRun && !ready.get()) {
      registry.ensureTable();
      ready.set(true);
    }
  }
}
