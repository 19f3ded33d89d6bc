package ddns.aws.route53;

import ddns.apply.ChangeId;
import ddns.apply.DnsZones;
import ddns.aws.AwsCall;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.InvalidNameException;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.facts.Workplace;
import ddns.failure.ConcurrentUpdateException;
import ddns.failure.RefusedChangeException;
import ddns.failure.ServiceFailure;
import ddns.plan.ChangeAction;
import ddns.plan.PlannedChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ConflictingDomainExistsException;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.HostedZoneNotEmptyException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@link DnsZones} on the Route 53 API. Names go out in lower case with a trailing dot. The zones
 * it creates, associates and deletes go into the {@link ZoneCache} it shares with {@link
 * Route53ZoneDirectory}, so the next read of the zone lists sees them without listing again.
 */
public final class Route53DnsZones implements DnsZones {
  /** Types per name are few; one page of this size normally holds them all. */
  private static final String PAGE_AT_NAME = "20";

  private final Route53Client route53;
  private final Accounts accounts;
  private final VpcAssociations associations;
  private final ZoneListing listing;
  private final ZoneCache cache;

  /** Route 53 as another account of the organization calls it, for that account's VPCs. */
  public interface Accounts {
    /** Whether the account is the tool's own. */
    boolean isOwn(String account);

    /** Route 53 as the account (through its member role). */
    Route53Client route53(String account);

    static Accounts of(
        java.util.function.Predicate<String> isOwn,
        java.util.function.Function<String, Route53Client> route53) {
      return new Accounts() {
        @Override
        public boolean isOwn(String account) {
          return isOwn.test(account);
        }

        @Override
        public Route53Client route53(String account) {
          return route53.apply(account);
        }
      };
    }
  }

  private final String owner;

  /** Eight hex digits of the SHA-256 of the registry table's name. */
  static String ownerTag(String registry) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(registry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * @param vpcRegion the region of an unqualified VPC id (the tool's own)
   * @param accounts reaches the account of a VPC of another workplace ({@link Workplace})
   * @param registry the registry table of this installation: the zones it creates name it (in
   *     short), so that another installation in the account never takes them for its own
   * @param cache the zone lists kept between invocations, told of every zone change made here
   */
  public Route53DnsZones(
      Route53Client route53,
      String vpcRegion,
      Accounts accounts,
      String registry,
      ZoneCache cache) {
    this.owner = ownerTag(registry);
    this.route53 = route53;
    this.accounts = accounts;
    this.associations = new VpcAssociations(route53, vpcRegion, accounts);
    this.listing = new ZoneListing(route53, associations, owner);
    this.cache = cache;
  }

  @Override
  public List<RecordSet> recordsAt(ZoneId zoneId, DnsName name) {
    return emptyIfZoneGone(() -> recordsAtName(zoneId, name));
  }

  private List<RecordSet> recordsAtName(ZoneId zoneId, DnsName name) {
    List<RecordSet> found = new ArrayList<>();
    String startName = name.value();
    String startType = null;
    while (true) {
      String type = startType;
      String start = startName;
      ListResourceRecordSetsResponse page =
          AwsCall.run(
              "Route53.ListResourceRecordSets",
              () ->
                  route53.listResourceRecordSets(
                      r ->
                          r.hostedZoneId(zoneId.value())
                              .startRecordName(start)
                              .startRecordType(type)
                              .maxItems(PAGE_AT_NAME)));
      for (ResourceRecordSet set : page.resourceRecordSets()) {
        if (unescape(set.name()).toLowerCase(Locale.ROOT).equals(name.value())) {
          found.add(toRecordSet(name, set));
        }
      }
      boolean more =
          Boolean.TRUE.equals(page.isTruncated())
              && page.nextRecordName() != null
              && unescape(page.nextRecordName()).toLowerCase(Locale.ROOT).equals(name.value());
      if (!more) {
        return found;
      }
      startName = page.nextRecordName();
      startType = page.nextRecordTypeAsString();
    }
  }

  @Override
  public List<RecordSet> allRecords(ZoneId zoneId) {
    return emptyIfZoneGone(() -> listAll(zoneId));
  }

  /** A zone deleted by hand holds nothing any more: reading it gives no record sets. */
  private static List<RecordSet> emptyIfZoneGone(Supplier<List<RecordSet>> read) {
    try {
      return read.get();
    } catch (ServiceFailure e) {
      if (e.getCause() instanceof NoSuchHostedZoneException) {
        return List.of();
      }
      throw e;
    }
  }

  private List<RecordSet> listAll(ZoneId zoneId) {
    return AwsCall.run(
        "Route53.ListResourceRecordSets",
        () -> {
          List<RecordSet> found = new ArrayList<>();
          for (ResourceRecordSet set :
              route53
                  .listResourceRecordSetsPaginator(r -> r.hostedZoneId(zoneId.value()))
                  .resourceRecordSets()) {
            try {
              found.add(toRecordSet(DnsName.parse(unescape(set.name())), set));
            } catch (InvalidNameException e) {
              // Names this tool cannot write (wildcards, underscores) never collide with its own.
            }
          }
          return found;
        });
  }

  /**
   * Sends the batch. A refusal because a record set does not hold what the plan expected (one to
   * create exists, one to delete is gone or has other values) is a {@link
   * ConcurrentUpdateException} naming the refused names: read them and re-plan. Any other refusal
   * of the batch's content can never succeed as sent and is a {@link RefusedChangeException}.
   */
  @Override
  public ChangeId apply(ZoneId zoneId, List<PlannedChange> changes) {
    List<Change> batch = changes.stream().flatMap(c -> toChanges(c).stream()).toList();
    try {
      return new ChangeId(
          route53
              .changeResourceRecordSets(
                  r ->
                      r.hostedZoneId(zoneId.value())
                          .changeBatch(b -> b.comment("route53-ddns").changes(batch)))
              .changeInfo()
              .id());
    } catch (AwsServiceException e) {
      Optional<List<String>> refused = InvalidChangeBatch.messages(e);
      if (refused.isEmpty()) {
        throw new ServiceFailure(AwsCall.describe("Route53.ChangeResourceRecordSets", e), e);
      }
      String text =
          "Route53.ChangeResourceRecordSets refused the batch for "
              + zoneId
              + ": InvalidChangeBatch: "
              + String.join("; ", refused.get());
      var names = InvalidChangeBatch.names(refused.get());
      if (InvalidChangeBatch.isStale(refused.get())) {
        throw new ConcurrentUpdateException(text, e, names);
      }
      throw new RefusedChangeException(text, e, names);
    } catch (SdkException e) {
      throw new ServiceFailure(AwsCall.describe("Route53.ChangeResourceRecordSets", e), e);
    }
  }

  @Override
  public boolean inSync(ChangeId change) {
    return AwsCall.run(
                "Route53.GetChange",
                () -> route53.getChange(r -> r.id(change.value())).changeInfo())
            .status()
        == ChangeStatus.INSYNC;
  }

  /**
   * Creates the zone with a caller reference of its own: Route 53 serves a reference once, for
   * ever, so a fixed one could never create a zone again after it was deleted by hand. The SDK's
   * retries of this one request reuse it, which keeps a retry after a lost answer from creating a
   * second zone ({@code HostedZoneAlreadyExists}). Another invocation that created the zone for the
   * VPC meanwhile makes Route 53 refuse a second one ({@code ConflictingDomainExists}). Either way
   * the zone of that name the VPC sees is the answer.
   */
  @Override
  public HostedZone createPrivateZone(DnsName name, String vpcId) {
    Optional<Workplace> where = Workplace.split(vpcId).workplace();
    if (where.isPresent() && !accounts.isOwn(where.get().account())) {
      throw new ServiceFailure(
          "a private zone is created with a VPC of the creating account only; "
              + vpcId
              + " belongs to another",
          null);
    }
    String reference = HostedZone.callerReference(owner, vpcId, name, UUID.randomUUID().toString());
    try {
      var created =
          route53.createHostedZone(
              r ->
                  r.name(name.value())
                      .callerReference(reference)
                      .vpc(associations.vpc(vpcId))
                      .hostedZoneConfig(
                          c ->
                              c.privateZone(true).comment("reverse zone created by route53-ddns")));
      HostedZone zone =
          new HostedZone(ZoneId.of(created.hostedZone().id()), name, true, 0, Optional.of(vpcId));
      cache.zoneSeenBy(zone, vpcId);
      return zone;
    } catch (HostedZoneAlreadyExistsException | ConflictingDomainExistsException e) {
      // What is kept does not know the other invocation's zone: Route 53 is asked as it is now.
      Set<ZoneId> associated = listing.zonesAssociatedWith(vpcId);
      HostedZone found =
          listing.zones().stream()
              .filter(z -> z.privateZone() && z.name().equals(name) && associated.contains(z.id()))
              .findFirst()
              .orElseThrow(
                  () -> new ServiceFailure(AwsCall.describe("Route53.CreateHostedZone", e), e));
      cache.zoneSeenBy(found, vpcId);
      return found;
    } catch (SdkException e) {
      throw new ServiceFailure(AwsCall.describe("Route53.CreateHostedZone", e), e);
    }
  }

  @Override
  public void associate(ZoneId zoneId, String vpcId) {
    associations.associate(zoneId, vpcId, () -> listing.zonesAssociatedWith(vpcId));
    cache.associated(zoneId, vpcId);
  }

  @Override
  public boolean deleteZone(ZoneId zoneId) {
    try {
      route53.deleteHostedZone(r -> r.id(zoneId.value()));
      cache.deleted(zoneId);
      return true;
    } catch (NoSuchHostedZoneException e) {
      cache.deleted(zoneId);
      return true;
    } catch (HostedZoneNotEmptyException e) {
      return false;
    } catch (SdkException e) {
      throw new ServiceFailure(AwsCall.describe("Route53.DeleteHostedZone", e), e);
    }
  }

  private static RecordSet toRecordSet(DnsName name, ResourceRecordSet set) {
    RecordType type = RecordType.fromRoute53(set.typeAsString());
    List<String> values = new ArrayList<>();
    set.resourceRecords()
        .forEach(
            r ->
                values.add(
                    type == RecordType.CNAME || type == RecordType.PTR
                        ? r.value().toLowerCase(Locale.ROOT)
                        : r.value()));
    if (set.aliasTarget() != null) {
      values.add("alias:" + set.aliasTarget().dnsName());
    }
    if (values.isEmpty()) {
      values.add("(no value)");
    }
    long ttl = set.ttl() == null ? 0 : set.ttl();
    return new RecordSet(name, type, ttl, values);
  }

  /**
   * An upsert becomes a DELETE of exactly what the plan expects there and a CREATE (or a CREATE
   * alone where it expects nothing): Route 53 applies both or refuses the batch as stale, so no
   * write ever replaces a record set the plan did not expect (docs/behaviour.md, "Optimistic
   * writes").
   */
  private static List<Change> toChanges(PlannedChange change) {
    if (change.action() != ChangeAction.UPSERT) {
      return List.of(toChange(change.action().name(), change.set()));
    }
    Change create = toChange("CREATE", change.set());
    return change
        .replaces()
        .map(old -> List.of(toChange("DELETE", old), create))
        .orElse(List.of(create));
  }

  private static Change toChange(String action, RecordSet set) {
    List<ResourceRecord> values =
        set.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList();
    return Change.builder()
        .action(action)
        .resourceRecordSet(
            s ->
                s.name(set.name().value())
                    .type(set.type().name())
                    .ttl(set.ttl())
                    .resourceRecords(values))
        .build();
  }

  /** Route 53 returns some characters as octal escapes ({@code \052} for {@code *}). */
  static String unescape(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\'
          && i + 3 < name.length()
          && name.substring(i + 1, i + 4).chars().allMatch(Character::isDigit)) {
        out.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    String text = out.toString();
    return text.endsWith(".") ? text : text + ".";
  }
}
