package ddns.run;

import ddns.alert.AlertPublisher;
import ddns.alert.Alerts;
import ddns.alert.DefaultTopic;
import ddns.apply.BatchApplier;
import ddns.apply.Deadline;
import ddns.apply.DnsZones;
import ddns.apply.EmptyZones;
import ddns.apply.SubmittedChanges;
import ddns.apply.ZoneActions;
import ddns.config.Config;
import ddns.event.InboundEvent;
import ddns.facts.FactsReader;
import ddns.facts.GroupTags;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import ddns.facts.ZoneDirectory;
import ddns.job.Mode;
import ddns.job.RunContext;
import ddns.lifecycle.FollowUps;
import ddns.lifecycle.LifecycleActions;
import ddns.log.JsonLog;
import ddns.plan.ChangePolicy;
import ddns.plan.InstanceDecider;
import ddns.plan.RecordRules;
import ddns.registry.AlertMemory;
import ddns.registry.CreatedZones;
import ddns.registry.GroupNumbers;
import ddns.registry.OwnershipRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tool's jobs behind one facade: handle a batch of events, reconcile everything, explain one
 * instance, and uninstall. Knows the ports only, never an AWS SDK type. Each call counts its own
 * API calls, so calls on several threads do not mix.
 */
public final class DdnsService {
  private final Config config;
  private final ApiCalls calls;
  private final Clock clock;
  private final EventRun events;
  private final Reconciler reconciler;
  private final WorkplaceDirectory workplaces;
  private final Explainer explainer;
  private final Uninstaller uninstaller;
  private final Summaries summaries;

  /** The ports the service works through: one per AWS service and role. */
  public record Ports(
      InstanceSource instances,
      GroupTags groupTags,
      WorkplaceDirectory workplaces,
      ZoneDirectory zoneDirectory,
      DnsZones dnsZones,
      OwnershipRegistry registry,
      AlertMemory alertMemory,
      CreatedZones createdZones,
      GroupNumbers groupNumbers,
      Alerts alerts,
      DefaultTopic defaultTopic,
      LifecycleActions lifecycleActions,
      Optional<FollowUps> followUps,
      ApiCalls calls) {}

  public DdnsService(Config config, Ports ports, JsonLog log, Clock clock) {
    this.config = config;
    this.calls = ports.calls();
    this.clock = clock;
    // Every job reads instances with their Auto Scaling group's tags applied.
    InstanceSource instances =
        new GroupTaggedInstances(ports.instances(), ports.groupTags(), config.rules());
    // The event path asks Route 53 whether the changes it made are served yet (lifecycle hooks).
    SubmittedChanges submitted = new SubmittedChanges(ports.dnsZones(), clock);
    Pipeline pipeline = pipeline(config, ports, instances, submitted, log, clock);
    TableSetup table = new TableSetup(ports.registry(), config.createTable());
    this.reconciler =
        new Reconciler(
            instances,
            ports.workplaces(),
            config.reach(),
            ports.dnsZones(),
            ports.zoneDirectory(),
            ports.registry(),
            table,
            pipeline,
            log);
    this.workplaces = ports.workplaces();
    this.events =
        new EventRun(
            config,
            instances,
            ports.workplaces(),
            table,
            pipeline,
            reconciler,
            submitted,
            new LifecycleCompletion(
                ports.lifecycleActions(),
                submitted,
                ports.followUps(),
                new com.fasterxml.jackson.databind.ObjectMapper(),
                clock,
                log),
            new ReconcileFanOut(ports.followUps(), config.reach(), log),
            log);
    this.explainer = new Explainer(instances, pipeline);
    this.uninstaller =
        new Uninstaller(
            ports.dnsZones(),
            ports.registry(),
            ports.alertMemory(),
            ports.createdZones(),
            ports.zoneDirectory(),
            // Uninstalling is an explicit request to delete: DDNS_POLICY does not hold it back.
            new BatchApplier(
                ports.dnsZones(),
                ports.registry(),
                log,
                ports.zoneDirectory()::recordSetCount,
                ChangePolicy.SYNC),
            log);
    this.summaries = new Summaries(log, clock, config.serviceName());
  }

  /** The stages every job shares, on the ports. */
  private static Pipeline pipeline(
      Config config,
      Ports ports,
      InstanceSource instances,
      SubmittedChanges submitted,
      JsonLog log,
      Clock clock) {
    BatchApplier applier =
        new BatchApplier(
            submitted,
            ports.registry(),
            log,
            ports.zoneDirectory()::recordSetCount,
            config.policy(),
            config.reach().boundary(),
            () -> ports.workplaces().home().account());
    InstanceDecider decider =
        new InstanceDecider(new RecordRules(config.rules()), config.launchGrace());
    FactsStage facts =
        new FactsStage(new FactsReader(instances, ports.zoneDirectory()), decider, clock);
    BatchPlanning planning =
        new BatchPlanning(
            new GroupNumbering(ports.groupTags(), ports.groupNumbers(), config.rules(), log),
            facts,
            decider,
            new ReverseJoins(ports.registry(), log),
            new ZoneActions(ports.dnsZones(), log));
    return new Pipeline(
        planning,
        applier,
        new Rechecks(instances, facts, decider, applier, log),
        config.deleteEmptyReverseZones()
            ? Optional.of(
                new EmptiedZones(
                    ports.zoneDirectory(),
                    new EmptyZones(ports.dnsZones(), ports.createdZones(), log),
                    log))
            : Optional.empty(),
        new AlertPublisher(
            ports.alerts(),
            config.alertTopicArn(),
            ports.defaultTopic(),
            ports.alertMemory(),
            clock,
            log),
        log);
  }

  /** Handles one invocation's events: state changes and tag changes per instance, schedules. */
  public Summary handle(List<InboundEvent> inbound) {
    return handle(inbound, Deadline.none());
  }

  /**
   * @param deadline no request is started after it (the Lambda invocation's time budget); what is
   *     left fails its messages, which come back
   */
  public Summary handle(List<InboundEvent> inbound, Deadline deadline) {
    long started = clock.millis();
    return counted(() -> events.handle(inbound, started, deadline));
  }

  /** A reconcile run (the CLI's {@code reconcile}); the scheduled event runs the same. */
  public Summary reconcile(boolean dryRun) {
    return reconcile(Mode.RECONCILE, dryRun, Scope.all());
  }

  /** A reconcile run over the workplaces of the scope only. */
  public Summary reconcile(boolean dryRun, Scope scope) {
    return reconcile(Mode.RECONCILE, dryRun, scope);
  }

  /**
   * A reconcile run that also takes over records holding exactly what a running instance should
   * have and that no instance claims (written by the AWS sample, or by this tool before its
   * registry was lost); every other record in the way is reported as before.
   */
  public Summary adopt(boolean dryRun) {
    return reconcile(Mode.ADOPT, dryRun, Scope.all());
  }

  /**
   * Removes every record the tool wrote, empties its registry, and deletes the reverse zones it
   * created where nothing else is left (the CLI's {@code uninstall}).
   */
  public Summary uninstall(boolean dryRun) {
    return reconcile(Mode.UNINSTALL, dryRun, Scope.all());
  }

  private Summary reconcile(Mode mode, boolean dryRun, Scope scope) {
    long started = clock.millis();
    boolean dry = dryRun || config.dryRun();
    return counted(
        () -> {
          String runId = mode + "-" + started;
          RunContext context = new RunContext(mode, dry);
          Reconciler.Result run =
              mode == Mode.UNINSTALL
                  ? uninstaller.run(runId, context)
                  : reconciler.run(runId, context, scope, Deadline.none());
          List<String> failed = new ArrayList<>();
          if (run.failure().isPresent()) {
            failed.add(runId);
          } else {
            run.results().stream()
                .filter(InstanceResult::failed)
                .forEach(r -> failed.add(r.id().value()));
            run.unreachable().keySet().forEach(w -> failed.add(w.toString()));
          }
          return new Summaries.Run(
              mode, dry, run.results(), run.failure(), List.of(), run.notes(), failed, started);
        });
  }

  /**
   * The instance {@code ec2Id} of the workplace the scope names (the tool's own account and region
   * where it names none), as the tool writes its id.
   */
  public InstanceId instanceIn(String ec2Id, Scope scope) {
    if (scope.account().isEmpty() && scope.region().isEmpty()) {
      return InstanceId.of(ec2Id);
    }
    Workplace home = workplaces.home();
    Workplace where =
        new Workplace(scope.account().orElse(home.account()), scope.region().orElse(home.region()));
    return InstanceId.in(where, ec2Id, home);
  }

  /** What the tool would do for one instance now, and why; changes nothing. */
  public Explanation explain(InstanceId instanceId) {
    try (ApiCalls.Tally ignored = calls.start()) {
      return explainer.explain(instanceId);
    }
  }

  private Summary counted(Supplier<Summaries.Run> job) {
    try (ApiCalls.Tally tally = calls.start()) {
      Summaries.Run run = job.get();
      return summaries.summarise(run, tally.snapshot());
    }
  }
}
