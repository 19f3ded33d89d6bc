package ddns.plan;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.InvalidNameException;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.Sharing;
import ddns.dns.ZoneCatalog;
import ddns.dns.ZoneId;
import ddns.facts.InstanceFacts;
import ddns.facts.VpcFacts;
import ddns.facts.Workplace;
import ddns.plan.ZoneAction.AssociateVpc;
import ddns.plan.ZoneAction.CreateReverseZone;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which records a running instance should have (docs/behaviour.md, "Records"). Pure: facts
 * and zones in, an {@link InstancePlan} out.
 *
 * <p>Worked example: instance {@code ip-10-0-1-23}, VPC DHCP domain {@code corp.internal}, tag
 * {@code CNAME=web.corp.internal}, private zones {@code corp.internal.} and {@code
 * 1.0.10.in-addr.arpa.}:
 *
 * <pre>
 * A     ip-10-0-1-23.corp.internal.  10.0.1.23                       (DHCP zone)
 * CNAME web.corp.internal.           ip-10-0-1-23.corp.internal.     (CNAME tag, private zone)
 * PTR   23.1.0.10.in-addr.arpa.      web.corp.internal.              (points at the alias)
 * </pre>
 */
public final class RecordRules {
  private static final DnsName EC2_INTERNAL = DnsName.parse("ec2.internal");
  private static final DnsName COMPUTE_INTERNAL = DnsName.parse("compute.internal");

  private final PlanningRules rules;

  public RecordRules(PlanningRules rules) {
    this.rules = rules;
  }

  public InstancePlan plan(InstanceFacts facts, VpcFacts vpc, ZoneCatalog zones) {
    return new Planning(facts, vpc, zones).run();
  }

  /** One instance's planning; holds the results while the rules run. */
  private final class Planning {
    private final InstanceFacts facts;
    private final VpcFacts vpc;
    private final ZoneCatalog zones;
    private final Map<RecordKey, DesiredRecord> records = new LinkedHashMap<>();
    private final Map<RecordKey, String> reasons = new LinkedHashMap<>();
    private final Map<HostedZone, String> zoneSources = new LinkedHashMap<>();
    private final List<ZoneAction> zoneActions = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean dnsSupportAlerted;
    private Optional<DnsName> aliasTarget = Optional.empty();
    private List<DnsName> pointerTargets = List.of();
    private final Set<ZoneId> reported = new HashSet<>();

    Planning(InstanceFacts facts, VpcFacts vpc, ZoneCatalog zones) {
      this.facts = facts;
      this.vpc = vpc;
      this.zones = zones;
    }

    InstancePlan run() {
      if (!facts.state().registers()) {
        notes.add("instance is " + facts.state().ec2Name() + "; it gets no records");
        return result();
      }
      if (facts.publicIpv4().isPresent() && facts.publicDns().isEmpty()) {
        notes.add(
            "warning: the instance has a public address but no public DNS name; DNS hostnames"
                + " are probably disabled in "
                + vpc.vpcId());
      }
      Optional<DnsName> zoneTag =
          TagNames.read(facts.tags(), rules.zoneTagKey(), false, self(), this::invalidTag);
      Optional<DnsName> cnameTag =
          TagNames.read(facts.tags(), rules.cnameTagKey(), true, self(), this::invalidTag);
      Optional<String> host = hostLabel();

      List<HostedZone> privateZones = new ArrayList<>(dhcpZones());
      Optional<HostedZone> publicZone = Optional.empty();
      if (zoneTag.isPresent()) {
        DnsName name = zoneTag.get();
        Optional<HostedZone> privateZone = zones.privateZoneNamed(name);
        publicZone = zones.publicZoneNamed(name);
        if (privateZone.isEmpty() && publicZone.isEmpty()) {
          alert(
              AlertKind.NO_SUCH_ZONE,
              rules.zoneTagKey() + " tag names " + name + ", which is no hosted zone");
        } else if (!rules.allows(name)) {
          alert(
              AlertKind.ZONE_NOT_ALLOWED,
              rules.zoneTagKey() + " tag names " + name + ", which is not an allowed zone");
          publicZone = Optional.empty();
        } else {
          privateZone.ifPresent(
              z -> zoneSources.putIfAbsent(z, rules.zoneTagKey() + " tag " + name));
          privateZone.filter(z -> !privateZones.contains(z)).ifPresent(privateZones::add);
        }
      }
      if (!privateZones.isEmpty() && !privateRecordsPossible()) {
        privateZones.clear();
      }
      privateZones.removeIf(z -> !mayJoin(z) || !usable(z));
      publicZone = publicZone.filter(this::usable);

      List<DnsName> aNames = hostRecords(host, privateZones, publicZone);
      Optional<HostedZone> publicTagZone = publicZone;
      Optional<DnsName> ownName =
          ownName()
              .flatMap(
                  n -> named(n.name(), n.source(), Sharing.FIRST, privateZones, publicTagZone));
      Optional<DnsName> privateAlias = cnameTag.flatMap(name -> aliases(name, aNames));
      pool(privateZones, publicTagZone);

      List<DnsName> targets = new ArrayList<>();
      ownName.ifPresent(targets::add);
      privateAlias.ifPresent(targets::add);
      privateAlias
          .flatMap(a -> aliasTarget)
          .or(() -> aNames.stream().findFirst())
          .ifPresent(targets::add);
      pointerTargets = targets.stream().distinct().toList();
      pointerTargets.stream().findFirst().ifPresent(this::pointers);
      secondaryAddresses(privateZones);
      if (records.isEmpty() && alerts.isEmpty() && zoneActions.isEmpty()) {
        notes.add("no tag and no hosted zone for the VPC's DHCP domain: nothing to register");
      }
      return result();
    }

    /** A name from a tag or the pattern, and where it came from, for messages. */
    private record Named(DnsName name, String source) {}

    /**
     * The instance's own host name: its host-name tag, else the fleet's pattern. A tag that cannot
     * be used is alerted, and the pattern does not stand in for it.
     */
    private Optional<Named> ownName() {
      String key = rules.hostnameTagKey();
      if (!PlanningRules.tags(facts.tags(), key).isEmpty()) {
        return TagNames.read(facts.tags(), key, true, self(), this::invalidTag)
            .map(n -> new Named(n, key + " tag " + shown(n)));
      }
      if (rules.hostnamePattern().isEmpty()) {
        return Optional.empty();
      }
      HostnamePattern pattern = rules.hostnamePattern().get();
      String source = "DDNS_HOSTNAME_PATTERN " + pattern;
      HostnamePattern.Result result = pattern.render(facts);
      if (result.name().isEmpty()) {
        alert(AlertKind.NAME_UNUSABLE, source + " " + result.problem() + ": no host name");
        return Optional.empty();
      }
      DnsName name = result.name().get();
      Optional<String> own = TagNames.ownName(name, true, self());
      if (own.isPresent()) {
        alert(AlertKind.NAME_UNUSABLE, source + " gives " + name + ", which " + own.get());
        return Optional.empty();
      }
      return Optional.of(new Named(name, source + " gives " + shown(name)));
    }

    /** The pool the instance is a member of: its address joins the pool name's record set. */
    private void pool(List<HostedZone> privateZones, Optional<HostedZone> publicZone) {
      String key = rules.poolTagKey();
      Optional<DnsName> pool = TagNames.read(facts.tags(), key, true, self(), this::invalidTag);
      if (pool.isEmpty()) {
        return;
      }
      String source = key + " tag " + shown(pool.get());
      named(pool.get(), source, Sharing.POOL, privateZones, publicZone);
    }

    /**
     * Records at a name of the instance's choosing (host name or pool): a single label in the zones
     * the instance's host records go to, a full name in the longest zone of each kind it lies in.
     * Private zones get the private address, public ones the public address (split horizon); both
     * get the IPv6 addresses. Returns the name made in a private zone, for the pointers.
     */
    private Optional<DnsName> named(
        DnsName name,
        String source,
        Sharing sharing,
        List<HostedZone> privateZones,
        Optional<HostedZone> publicZone) {
      List<HostedZone> privateTargets = new ArrayList<>();
      Optional<HostedZone> publicTarget;
      boolean single = name.labels().size() == 1;
      if (single) {
        if (privateZones.isEmpty() && publicZone.isEmpty()) {
          alert(
              AlertKind.NO_SUCH_ZONE,
              source
                  + " is a single label, and the instance has no zone to put it in (no hosted zone"
                  + " for its VPC's DHCP domain, no "
                  + rules.zoneTagKey()
                  + " tag)");
          return Optional.empty();
        }
        privateTargets.addAll(privateZones);
        publicTarget = publicZone;
      } else {
        if (zones.isApex(name)) {
          alert(
              AlertKind.NAME_CONFLICT,
              source + " names a zone apex; route53-ddns writes names below a zone's apex only");
          return Optional.empty();
        }
        Optional<HostedZone> privateZone = zones.longestSuffixZone(name, true);
        Optional<HostedZone> publicOne = zones.longestSuffixZone(name, false);
        if (privateZone.isEmpty() && publicOne.isEmpty()) {
          alert(AlertKind.NO_SUCH_ZONE, source + " lies in no hosted zone");
          return Optional.empty();
        }
        privateZone
            .filter(z -> allowed(z, source) && usable(z) && privateRecordsPossible() && mayJoin(z))
            .ifPresent(privateTargets::add);
        publicTarget = publicOne.filter(z -> allowed(z, source) && usable(z));
      }
      Optional<DnsName> made = Optional.empty();
      for (HostedZone zone : privateTargets) {
        Optional<DnsName> placed =
            single ? below(zone, name.firstLabel(), source) : Optional.of(name);
        if (placed.isEmpty()) {
          continue;
        }
        DnsName at = placed.get();
        String why =
            source
                + (single ? "; placed in private zone " : "; lies in private zone ")
                + zone.name()
                + ", with the private address";
        facts.privateIpv4().ifPresent(ip -> add(zone, at, RecordType.A, List.of(ip), why, sharing));
        if (!facts.ipv6Addresses().isEmpty()) {
          add(zone, at, RecordType.AAAA, facts.ipv6Addresses(), why, sharing);
        }
        if (facts.privateIpv4().isPresent() || !facts.ipv6Addresses().isEmpty()) {
          associateIfNeeded(zone);
          made = made.or(() -> Optional.of(at));
        }
      }
      publicTarget.ifPresent(
          zone -> {
            Optional<DnsName> placed =
                single ? below(zone, name.firstLabel(), source) : Optional.of(name);
            if (placed.isEmpty()) {
              return;
            }
            DnsName at = placed.get();
            String why =
                source
                    + (single ? "; placed in public zone " : "; lies in public zone ")
                    + zone.name()
                    + ", with the public address";
            facts
                .publicIpv4()
                .ifPresentOrElse(
                    ip -> add(zone, at, RecordType.A, List.of(ip), why, sharing),
                    () ->
                        notes.add(
                            "no public IPv4 address: no A record for "
                                + at
                                + " in public zone "
                                + zone.name()));
            if (!facts.ipv6Addresses().isEmpty()) {
              add(zone, at, RecordType.AAAA, facts.ipv6Addresses(), why, sharing);
            }
          });
      return made;
    }

    /**
     * With {@code DDNS_ALL_ADDRESSES}, each further private IPv4 address gets an {@code ip-…} A
     * record of its own in the instance's private zones, and a pointer to it.
     */
    private void secondaryAddresses(List<HostedZone> privateZones) {
      if (!rules.allAddresses() || privateZones.isEmpty()) {
        return;
      }
      for (String ip : facts.secondaryIpv4Addresses()) {
        if (ReverseNames.of(ip).isEmpty() || !ip.contains(".")) {
          notes.add("not an IPv4 address: " + ip);
          continue;
        }
        String label = "ip-" + ip.replace('.', '-');
        DnsName first = null;
        for (HostedZone zone : privateZones) {
          Optional<DnsName> placed = below(zone, label, "further private address " + ip);
          if (placed.isEmpty()) {
            continue;
          }
          DnsName name = placed.get();
          add(
              zone,
              name,
              RecordType.A,
              List.of(ip),
              "DDNS_ALL_ADDRESSES: further private address "
                  + ip
                  + " in private zone "
                  + zone.name(),
              Sharing.LATEST);
          associateIfNeeded(zone);
          first = first == null ? name : first;
        }
        ipv4Pointer(ip, first);
      }
    }

    /** The host name's A (and AAAA) records per zone; returns the names made in private zones. */
    private List<DnsName> hostRecords(
        Optional<String> host, List<HostedZone> privateZones, Optional<HostedZone> publicZone) {
      List<DnsName> aNames = new ArrayList<>();
      if (host.isEmpty()) {
        if (!privateZones.isEmpty() || publicZone.isPresent()) {
          notes.add("no private DNS name, so no host name: no A records");
        }
        return aNames;
      }
      for (HostedZone zone : privateZones) {
        Optional<DnsName> placed = below(zone, host.get(), "the instance's host name");
        if (placed.isEmpty()) {
          continue;
        }
        DnsName name = placed.get();
        String why = zoneSources.get(zone) + " names private zone " + zone.name();
        facts.privateIpv4().ifPresent(ip -> add(zone, name, RecordType.A, List.of(ip), why));
        if (!facts.ipv6Addresses().isEmpty()) {
          add(zone, name, RecordType.AAAA, facts.ipv6Addresses(), why);
        }
        if (facts.privateIpv4().isEmpty() && facts.ipv6Addresses().isEmpty()) {
          notes.add("no private IPv4 address: no A record in zone " + zone.name());
          continue;
        }
        aNames.add(name);
        associateIfNeeded(zone);
      }
      publicZone.ifPresent(
          zone ->
              below(zone, host.get(), "the instance's host name").ifPresent(n -> publicA(zone, n)));
      return aNames;
    }

    private List<HostedZone> dhcpZones() {
      List<HostedZone> found = new ArrayList<>();
      for (String domain : vpc.dhcpDomainNames()) {
        DnsName name;
        try {
          name = DnsName.parse(domain);
        } catch (InvalidNameException e) {
          notes.add("DHCP domain-name ignored: " + e.getMessage());
          continue;
        }
        Optional<HostedZone> zone = zones.privateZoneNamed(name);
        if (zone.isEmpty()) {
          notes.add("no private hosted zone for DHCP domain " + name);
        } else if (!rules.allows(name)) {
          notes.add("DHCP domain " + name + " is not an allowed zone");
        } else if (!found.contains(zone.get())) {
          found.add(zone.get());
          zoneSources.putIfAbsent(zone.get(), "DHCP domain " + name + " of " + vpc.vpcId());
        }
      }
      return found;
    }

    private void publicA(HostedZone zone, DnsName name) {
      facts
          .publicIpv4()
          .ifPresentOrElse(
              ip ->
                  add(
                      zone,
                      name,
                      RecordType.A,
                      List.of(ip),
                      rules.zoneTagKey() + " tag names public zone " + zone.name()),
              () -> notes.add("no public IPv4 address: no A record in public zone " + zone.name()));
    }

    /** The CNAME tag's records; returns the private alias name when one is made. */
    private Optional<DnsName> aliases(DnsName alias, List<DnsName> aNames) {
      String tag = rules.cnameTagKey() + " tag " + alias;
      if (zones.isApex(alias)) {
        alert(AlertKind.CNAME_AT_APEX, tag + " names a zone apex, where a CNAME is not allowed");
        return Optional.empty();
      }
      Optional<HostedZone> privateZone = zones.longestSuffixZone(alias, true);
      Optional<HostedZone> publicZone = zones.longestSuffixZone(alias, false);
      if (privateZone.isEmpty() && publicZone.isEmpty()) {
        alert(AlertKind.NO_SUCH_ZONE, tag + " lies in no hosted zone");
        return Optional.empty();
      }
      if (aNames.contains(alias)
          || records.keySet().stream().anyMatch(k -> k.name().equals(alias))) {
        alert(
            AlertKind.NAME_CONFLICT,
            tag + " is the instance's own host name; a CNAME cannot share it");
        return Optional.empty();
      }
      Optional<DnsName> made = Optional.empty();
      if (privateZone.isPresent()
          && allowed(privateZone.get(), tag)
          && usable(privateZone.get())
          && privateRecordsPossible()
          && mayJoin(privateZone.get())) {
        Optional<DnsName> target = aNames.stream().findFirst().or(this::privateDnsName);
        aliasTarget = target;
        if (target.isEmpty()) {
          notes.add("no private DNS name to point " + alias + " at");
        } else if (target.get().equals(alias)) {
          alert(AlertKind.NAME_CONFLICT, tag + " points at itself");
        } else {
          add(
              privateZone.get(),
              alias,
              RecordType.CNAME,
              List.of(target.get().value()),
              tag
                  + " lies in private zone "
                  + privateZone.get().name()
                  + "; it points at the "
                  + (aNames.isEmpty() ? "private DNS name" : "instance's A record"));
          associateIfNeeded(privateZone.get());
          made = Optional.of(alias);
        }
      }
      if (publicZone.isPresent() && allowed(publicZone.get(), tag) && usable(publicZone.get())) {
        Optional<DnsName> target = publicDnsName();
        if (target.isEmpty()) {
          notes.add("no public DNS name: no CNAME in public zone " + publicZone.get().name());
        } else if (!target.get().equals(alias)) {
          add(
              publicZone.get(),
              alias,
              RecordType.CNAME,
              List.of(target.get().value()),
              tag
                  + " lies in public zone "
                  + publicZone.get().name()
                  + "; it points at the public DNS name");
        }
      }
      return made;
    }

    /**
     * Pointers for the primary private IPv4 address and every IPv6 address. The first IPv6 address
     * is the instance's own, as the primary IPv4 one is: its reverse zone is created when none
     * covers it. A further IPv6 address gets its pointer where a zone covers it, and a zone created
     * for it only with {@code DDNS_ALL_ADDRESSES}.
     */
    private void pointers(DnsName target) {
      facts.privateIpv4().ifPresent(ip -> ipv4Pointer(ip, target));
      List<String> ipv6 = facts.ipv6Addresses();
      for (int i = 0; i < ipv6.size(); i++) {
        if (!ReverseNames.isIpv6(ipv6.get(i))) {
          notes.add("not an IPv6 address: " + ipv6.get(i));
        } else {
          addressPointer(ipv6.get(i), target, i == 0 || rules.allAddresses());
        }
      }
    }

    /** The reverse zone that takes a pointer: the most specific one the VPC sees or may join. */
    private Optional<HostedZone> reverseZone(DnsName reverse) {
      return facts.vpc().isPresent()
          ? zones.reverseZoneFor(reverse, facts.vpc().get())
          : zones.longestSuffixZone(reverse, true);
    }

    private void ipv4Pointer(String ip, DnsName target) {
      if (!ReverseNames.isIpv4(ip)) {
        notes.add("not an IPv4 address: " + ip + ": no PTR");
        return;
      }
      addressPointer(ip, target, true);
    }

    /**
     * The address's pointer in the reverse zone that covers it; else, when {@code create}, the
     * address's /24 (IPv4) or /64 (IPv6) zone is created, as the rules allow.
     */
    private void addressPointer(String ip, DnsName target, boolean create) {
      Optional<DnsName> reverse = ReverseNames.of(ip);
      Optional<DnsName> zoneName = ReverseNames.zoneOf(ip);
      if (reverse.isEmpty() || zoneName.isEmpty()) {
        notes.add("not an IP address: " + ip + ": no PTR");
        return;
      }
      Optional<HostedZone> zone = reverseZone(reverse.get());
      if (zone.isPresent()) {
        if (usable(zone.get())) {
          pointer(zone.get(), reverse.get(), target, ip);
        }
      } else if (rules.zoneTypes() == ZoneTypes.PUBLIC) {
        notes.add("no reverse zone for " + ip + " and DDNS_ZONE_TYPES is public: no PTR");
      } else if (!create) {
        notes.add(
            "no reverse zone covers further address "
                + ip
                + "; with DDNS_ALL_ADDRESSES, "
                + zoneName.get()
                + " would be created: no PTR");
      } else if (!rules.allowedZoneIds().isEmpty()) {
        notes.add(
            "reverse zone "
                + zoneName.get()
                + " is missing; it is not created while DDNS_ALLOWED_ZONE_IDS lists the zones"
                + " route53-ddns may change: no PTR");
      } else if (facts.vpc().flatMap(v -> Workplace.split(v).workplace()).isPresent()) {
        notes.add(
            "reverse zone "
                + zoneName.get()
                + " is missing; one for a VPC of another account or region is not created (Route"
                + " 53 creates a private zone with a VPC of the caller's own): create it in this"
                + " tool's account and it is associated with the VPC: no PTR until then");
      } else if (rules.createReverseZones() && facts.vpc().isPresent()) {
        CreateReverseZone creation = new CreateReverseZone(zoneName.get(), facts.vpc().get());
        if (!zoneActions.contains(creation)) { // two addresses of one subnet need it once
          zoneActions.add(creation);
          notes.add("reverse zone " + zoneName.get() + " is missing; it is created for the PTR");
        }
      } else {
        notes.add(
            "reverse zone "
                + zoneName.get()
                + " is missing and reverse-zone creation is off: no PTR");
      }
    }

    private void pointer(HostedZone zone, DnsName reverse, DnsName target, String ip) {
      add(
          zone,
          reverse,
          RecordType.PTR,
          List.of(target.value()),
          "reverse name of " + ip + " in " + zone.name());
      associateIfNeeded(zone);
    }

    private boolean allowed(HostedZone zone, String what) {
      if (rules.allows(zone.name())) {
        return true;
      }
      alert(
          AlertKind.ZONE_NOT_ALLOWED,
          what + " falls in zone " + zone.name() + ", which is not an allowed zone");
      return false;
    }

    /**
     * The tool writes to this zone: its kind is in {@code DDNS_ZONE_TYPES} (else a note), and its
     * id in {@code DDNS_ALLOWED_ZONE_IDS} when that is set (else an alert: the role may not change
     * it, so sending the change would only fail until the dead-letter queue). Said once per zone.
     */
    private boolean usable(HostedZone zone) {
      if (!rules.zoneTypes().allows(zone)) {
        if (reported.add(zone.id())) {
          notes.add(
              (zone.privateZone() ? "private" : "public")
                  + " zone "
                  + zone.name()
                  + " ("
                  + zone.id()
                  + ") is left out: DDNS_ZONE_TYPES is "
                  + rules.zoneTypes().label());
        }
        return false;
      }
      if (!rules.allowsId(zone)) {
        if (reported.add(zone.id())) {
          alert(
              AlertKind.ZONE_NOT_ALLOWED,
              "zone "
                  + zone.name()
                  + " ("
                  + zone.id()
                  + ") is not in DDNS_ALLOWED_ZONE_IDS: no record is written there");
        }
        return false;
      }
      return true;
    }

    private boolean privateRecordsPossible() {
      if (vpc.dnsSupport()) {
        return true;
      }
      if (!dnsSupportAlerted) {
        alert(
            AlertKind.DNS_SUPPORT_DISABLED,
            "DNS support is disabled in " + vpc.vpcId() + ": no private-zone records");
        dnsSupportAlerted = true;
      }
      return false;
    }

    /**
     * A private zone the VPC is not associated with may be joined, unless joining it would hide
     * names the VPC resolves today: a public zone of the same name exists (inside the VPC, every
     * public name missing from the private zone would stop resolving), or the name is AWS's own
     * ({@code ec2.internal}, {@code <region>.compute.internal}). Such a zone is joined only when
     * the operator listed it ({@code DDNS_ASSOCIATE_ZONES}); else alerted, and no record goes
     * there.
     */
    private boolean mayJoin(HostedZone zone) {
      if (!zone.privateZone() || zones.isAssociated(zone) || !rules.associateVpc()) {
        return true;
      }
      boolean shadowsPublic = zones.publicZoneNamed(zone.name()).isPresent();
      boolean awsOwn = zone.name().isWithin(EC2_INTERNAL) || zone.name().isWithin(COMPUTE_INTERNAL);
      if ((!shadowsPublic && !awsOwn) || rules.mayAssociate(zone)) {
        return true;
      }
      alert(
          AlertKind.ASSOCIATION_REFUSED,
          "private zone "
              + zone.name()
              + " ("
              + zone.id()
              + ") is not associated with "
              + facts.vpc().orElse("the VPC")
              + ", and joining it would hide "
              + (shadowsPublic ? "the public zone of that name" : "AWS's own names of that domain")
              + " inside the VPC: no record is written there; list it in DDNS_ASSOCIATE_ZONES to"
              + " allow it");
      return false;
    }

    private void associateIfNeeded(HostedZone zone) {
      if (zone.privateZone()
          && !zones.isAssociated(zone)
          && rules.associateVpc()
          && facts.vpc().isPresent()) {
        zoneActions.add(new AssociateVpc(zone.id(), zone.name(), facts.vpc().get()));
      }
    }

    private void add(
        HostedZone zone, DnsName name, RecordType type, List<String> values, String why) {
      add(zone, name, type, values, why, Sharing.LATEST);
    }

    private void add(
        HostedZone zone,
        DnsName name,
        RecordType type,
        List<String> values,
        String why,
        Sharing sharing) {
      RecordKey key = new RecordKey(zone.id(), name, type);
      DesiredRecord there = records.get(key);
      if (there != null && there.sharing() != sharing) {
        alert(
            AlertKind.NAME_CONFLICT,
            name
                + " is wanted as the instance's "
                + purpose(there.sharing())
                + " and as its "
                + purpose(sharing)
                + "; one name cannot be both, so only the first is made ("
                + why
                + ")");
        return;
      }
      reasons.putIfAbsent(key, why);
      records.putIfAbsent(
          key,
          new DesiredRecord(
              key, zone.name(), new RecordSet(name, type, rules.ttl(), values), sharing));
    }

    /** A single label as typed ({@code web}), a full name with its dot. */
    private static String shown(DnsName name) {
      return name.labels().size() == 1 ? name.firstLabel() : name.value();
    }

    private static String purpose(Sharing sharing) {
      return switch (sharing) {
        case LATEST -> "host record";
        case FIRST -> "host name";
        case POOL -> "pool";
      };
    }

    /**
     * {@code label.zone}, or an {@link AlertKind#INVALID_TAG} alert naming what does not fit (a
     * label of a tag, of EC2's names or of the pattern, below a zone too long to take it).
     */
    private Optional<DnsName> below(HostedZone zone, String label, String source) {
      try {
        return Optional.of(zone.name().prepend(label));
      } catch (InvalidNameException e) {
        invalidTag(source + " cannot be placed in zone " + zone.name() + ": " + e.getMessage());
        return Optional.empty();
      }
    }

    private String self() {
      return facts.instanceId().ec2Id();
    }

    private Optional<String> hostLabel() {
      return privateDnsName().map(DnsName::firstLabel);
    }

    private Optional<DnsName> privateDnsName() {
      return facts.privateDns().flatMap(this::quietName);
    }

    private Optional<DnsName> publicDnsName() {
      return facts.publicDns().flatMap(this::quietName);
    }

    private Optional<DnsName> quietName(String raw) {
      try {
        return Optional.of(DnsName.parse(raw));
      } catch (InvalidNameException e) {
        notes.add("EC2 reported an unusable DNS name: " + e.getMessage());
        return Optional.empty();
      }
    }

    private void invalidTag(String message) {
      alert(AlertKind.INVALID_TAG, message);
    }

    private void alert(AlertKind kind, String message) {
      alerts.add(new Alert(facts.instanceId(), kind, message));
    }

    private InstancePlan result() {
      return new InstancePlan(
          facts.instanceId(),
          List.copyOf(records.values()),
          zoneActions,
          alerts,
          notes,
          reasons,
          pointerTargets);
    }
  }
}
