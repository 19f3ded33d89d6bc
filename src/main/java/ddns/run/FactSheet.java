package ddns.run;

import ddns.facts.InstanceFacts;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts kept in the registry item and shown by {@code plan}, for operators and later runs. */
final class FactSheet {
  private FactSheet() {}

  static Map<String, String> of(InstanceFacts f) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("state", f.state().ec2Name());
    f.vpc().ifPresent(v -> facts.put("vpcId", v));
    f.privateIpv4().ifPresent(v -> facts.put("privateIp", v));
    f.privateDns().ifPresent(v -> facts.put("privateDnsName", v));
    f.publicIpv4().ifPresent(v -> facts.put("publicIp", v));
    f.publicDns().ifPresent(v -> facts.put("publicDnsName", v));
    if (!f.ipv6Addresses().isEmpty()) {
      facts.put("ipv6", String.join(" ", f.ipv6Addresses()));
    }
    return facts;
  }
}
