package ddns.sim;

import ddns.dns.DnsName;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.InstanceState;
import ddns.facts.VpcFacts;
import ddns.facts.Workplace;
import ddns.fakes.FakeDnsZones;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An organization's EC2 in memory, shaped as a landing zone plans it: a central networking account
 * (the tool's, no instances) and {@code accounts} workload accounts, each with {@code vpcs} VPCs in
 * every region and {@code perVpc} instances in each. Addresses come from one plan, as IPAM
 * allocates them: account {@code k} has 10.k.0.0/16, region {@code r} and VPC {@code v} the /20 at
 * 10.k.(64r + 16v).0, instance {@code i} the address .(10 + i) there, so no two VPCs overlap. Every
 * VPC's DHCP domain is its account's zone, {@code aNNN.corp.internal}.
 *
 * <p>The zones, all private and in the central account (docs/behaviour.md, "Many accounts and
 * regions": records go to the tool's own account's zones): one forward zone per account ({@code
 * aNNN.corp.internal}) and one reverse zone per account's /16 ({@code k.10.in-addr.arpa}), each
 * associated with the account's VPCs, as the landing zone's provisioning made them. A zone holds
 * one account's records only: 2 × 3 × 50 = 300 A records (or PTRs) at the benchmark's size, far
 * below Route 53's 10,000 records per zone, which one zone for the whole organization (30,000 A
 * records) would exceed. 200 zones, within the 500 hosted zones an account has by default.
 */
public final class LandingZone implements InstanceSource, ddns.facts.WorkplaceDirectory {
  public static final String DOMAIN = "corp.internal";

  private final Workplace home;
  private final List<String> accounts = new ArrayList<>();
  private final List<String> regions;
  private final Map<InstanceId, InstanceFacts> instances = new LinkedHashMap<>();
  private final Map<Workplace, List<InstanceId>> byWorkplace = new LinkedHashMap<>();
  private final Map<String, VpcFacts> vpcs = new LinkedHashMap<>();
  private final Map<String, Integer> accountOfVpc = new LinkedHashMap<>();

  /**
   * @param central the networking account the tool runs in, in {@code regions.get(0)}
   */
  public LandingZone(
      String central, List<String> regions, int accounts, int vpcs, int perVpc, FakeDnsZones dns) {
    this.regions = List.copyOf(regions);
    this.home = new Workplace(central, regions.get(0));
    this.accounts.add(central);
    for (int k = 1; k <= accounts; k++) {
      String account = account(k);
      this.accounts.add(account);
      List<String> accountVpcs = new ArrayList<>();
      for (int r = 0; r < regions.size(); r++) {
        Workplace where = new Workplace(account, regions.get(r));
        for (int v = 0; v < vpcs; v++) {
          String vpcId = where.qualify(String.format("vpc-%017x", k * 1000L + r * 10 + v), home);
          this.vpcs.put(vpcId, new VpcFacts(vpcId, true, List.of(zoneName(k))));
          accountOfVpc.put(vpcId, k);
          accountVpcs.add(vpcId);
          for (int i = 0; i < perVpc; i++) {
            launch(where, vpcId, k, 64 * r + 16 * v, 10 + i);
          }
        }
      }
      ZoneId forward = dns.privateZone(zoneName(k), accountVpcs.get(0));
      ZoneId reverse = dns.privateZone(reverseZoneName(k), accountVpcs.get(0));
      for (String vpcId : accountVpcs.subList(1, accountVpcs.size())) {
        dns.associate(forward, vpcId);
        dns.associate(reverse, vpcId);
      }
    }
  }

  /** The id of workload account {@code k} (1, 2, …). */
  public static String account(int k) {
    return String.format("%012d", 222200000000L + k);
  }

  public static String zoneName(int k) {
    return String.format("a%03d.%s", k, DOMAIN);
  }

  public static String reverseZoneName(int k) {
    return k + ".10.in-addr.arpa";
  }

  /** Launches an instance at 10.k.{@code third}.{@code host} in the VPC: running from now on. */
  public InstanceId launch(Workplace where, String vpcId, int k, int third, int host) {
    String ip = "10." + k + "." + third + "." + host;
    String ec2Id = String.format("i-%017x", (k * 1000L + third) * 1000L + host);
    InstanceId id = InstanceId.in(where, ec2Id, home);
    String suffix =
        where.region().equals("us-east-1") ? "ec2.internal" : where.region() + ".compute.internal";
    instances.put(
        id,
        InstanceFacts.builder(id, InstanceState.RUNNING, Instant.parse("2026-11-01T00:00:00Z"))
            .vpcId(vpcId)
            .privateIp(ip)
            .privateDnsName("ip-" + ip.replace('.', '-') + "." + suffix)
            .availabilityZone(where.region() + "a")
            .build());
    byWorkplace.computeIfAbsent(where, w -> new ArrayList<>()).add(id);
    return id;
  }

  /** The instance stops (its event lost: only a reconcile sees it). */
  public void stop(InstanceId id) {
    instances.put(id, instances.get(id).withState(InstanceState.STOPPED));
  }

  /** The VPCs of the organization, qualified as the tool writes them. */
  public List<String> vpcIds() {
    return List.copyOf(vpcs.keySet());
  }

  /** The workload account number ({@code k}) whose VPC this is. */
  public int accountOf(String vpcId) {
    return accountOfVpc.get(vpcId);
  }

  /** Every workplace served: each account, the central one included, in each region. */
  public List<Workplace> workplaces() {
    List<Workplace> all = new ArrayList<>();
    accounts.forEach(a -> regions.forEach(r -> all.add(new Workplace(a, r))));
    return all;
  }

  /**
   * What every zone should hold, worked out from the plan above and not from the tool's code: per
   * running instance an {@code A ip-a-b-c-d.aNNN.corp.internal} record and its PTR in {@code
   * k.10.in-addr.arpa}, TTL 60 (the default).
   */
  public Map<String, Map<String, RecordSet>> expected() {
    Map<String, Map<String, RecordSet>> zones = new TreeMap<>();
    for (InstanceFacts f : instances.values()) {
      if (f.state() != InstanceState.RUNNING) {
        continue;
      }
      String ip = f.privateIpv4().orElseThrow();
      int k = Integer.parseInt(ip.split("\\.")[1]);
      String host = "ip-" + ip.replace('.', '-') + "." + zoneName(k) + ".";
      String[] o = ip.split("\\.");
      String ptr = o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa.";
      zones
          .computeIfAbsent(zoneName(k) + ".", z -> new TreeMap<>())
          .put(host + " A", new RecordSet(DnsName.parse(host), RecordType.A, 60, List.of(ip)));
      zones
          .computeIfAbsent(reverseZoneName(k) + ".", z -> new TreeMap<>())
          .put(ptr + " PTR", new RecordSet(DnsName.parse(ptr), RecordType.PTR, 60, List.of(host)));
    }
    return zones;
  }

  public int instanceCount() {
    return instances.size();
  }

  // EC2, as the port states it.

  @Override
  public Map<InstanceId, InstanceFacts> describe(Collection<InstanceId> instanceIds) {
    Map<InstanceId, InstanceFacts> found = new LinkedHashMap<>();
    instanceIds.forEach(
        id -> {
          if (instances.containsKey(id)) {
            found.put(id, instances.get(id));
          }
        });
    return found;
  }

  @Override
  public List<InstanceFacts> running(Workplace where) {
    return byWorkplace.getOrDefault(where, List.of()).stream()
        .map(instances::get)
        .filter(f -> f.state().registers())
        .toList();
  }

  @Override
  public VpcFacts vpc(String vpcId) {
    VpcFacts facts = vpcs.get(vpcId);
    if (facts == null) {
      throw new IllegalStateException("no VPC " + vpcId);
    }
    return VpcFacts.unread(vpcId, facts.dhcpDomainNames());
  }

  @Override
  public boolean dnsSupport(String vpcId) {
    VpcFacts facts = vpcs.get(vpcId);
    if (facts == null) {
      throw new IllegalStateException("no VPC " + vpcId);
    }
    return facts.support() != VpcFacts.DnsSupport.OFF;
  }

  // Where the tool runs, and the organization.

  @Override
  public Workplace home() {
    return home;
  }

  @Override
  public String ownAccount() {
    return home.account();
  }

  @Override
  public List<String> organizationAccounts() {
    return List.copyOf(accounts);
  }
}
