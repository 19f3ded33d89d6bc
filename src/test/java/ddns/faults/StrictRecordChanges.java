package ddns.faults;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Route 53's rule for a change batch, which the emulator does not keep: the batch is applied
 * against the zone as it is when it arrives, all or nothing, one batch of a zone at a time. A
 * DELETE must name a record set that exists with exactly those values and that TTL, a CREATE one
 * that does not exist; otherwise the whole batch is refused with {@code InvalidChangeBatch} and
 * Route 53's messages ("Tried to delete resource record set [name='…', type='…'] but it was not
 * found", "… but the values provided do not match the current values", "Tried to create resource
 * record set […] but it already exists"). The emulator deletes by name and type whatever the values
 * and lets a CREATE add a second record set. A CNAME beside another record set at its name is
 * refused too ("RRSet of type CNAME with DNS name … is not permitted as it conflicts with other
 * records…"), which the emulator accepts. The zone is read straight from the emulator.
 */
final class StrictRecordChanges {
  private static final Pattern ZONE = Pattern.compile("/hostedzone/([^/]+)/rrset");

  private final Route53Client emulator;

  StrictRecordChanges(Route53Client emulator) {
    this.emulator = emulator;
  }

  /** Route 53's refusal of this batch, if it would refuse it. */
  Optional<String> refusal(String path, String body) {
    Matcher zone = ZONE.matcher(path);
    if (!zone.find()) {
      return Optional.empty();
    }
    Map<String, Content> live = new HashMap<>();
    for (ResourceRecordSet set :
        emulator
            .listResourceRecordSetsPaginator(r -> r.hostedZoneId(zone.group(1)))
            .resourceRecordSets()) {
      live.put(
          key(set.name(), set.typeAsString()),
          new Content(
              set.ttl() == null ? -1 : set.ttl(),
              set.resourceRecords().stream().map(v -> v.value()).sorted().toList()));
    }
    List<String> messages = new ArrayList<>();
    for (Change change : changes(body)) {
      String key = key(change.name(), change.type());
      String what =
          "resource record set [name='"
              + normal(change.name())
              + "', type='"
              + change.type()
              + "']";
      Content there = live.get(key);
      switch (change.action()) {
        case "DELETE" -> {
          if (there == null) {
            messages.add("Tried to delete " + what + " but it was not found");
          } else if (!there.equals(change.content())) {
            messages.add(
                "Tried to delete "
                    + what
                    + " but the values provided do not match the current values");
          }
          live.remove(key);
        }
        case "CREATE" -> {
          if (there != null) {
            messages.add("Tried to create " + what + " but it already exists");
          }
          cnameConflict(live, change, zone.group(1)).ifPresent(messages::add);
          live.put(key, change.content());
        }
        default -> {
          cnameConflict(live, change, zone.group(1)).ifPresent(messages::add);
          live.put(key, change.content());
        }
      }
    }
    return messages.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", messages));
  }

  /**
   * Route 53 keeps a CNAME alone at its name: writing one beside another record set, or another
   * beside one, is refused with these messages (the emulator accepts both).
   */
  private Optional<String> cnameConflict(Map<String, Content> live, Change change, String zoneId) {
    String name = normal(change.name());
    Optional<String> other =
        live.keySet().stream()
            .filter(k -> k.startsWith(name + " ") && !k.equals(key(change.name(), change.type())))
            .map(k -> k.substring(name.length() + 1))
            .filter(type -> type.equals("CNAME") || change.type().equals("CNAME"))
            .findFirst();
    if (other.isEmpty()) {
      return Optional.empty();
    }
    String zone = emulator.getHostedZone(r -> r.id(zoneId)).hostedZone().name();
    return Optional.of(
        change.type().equals("CNAME")
            ? "RRSet of type CNAME with DNS name "
                + name
                + " is not permitted as it conflicts with other records with the same DNS name in"
                + " zone "
                + zone
            : "RRSet of type "
                + change.type()
                + " with DNS name "
                + name
                + " is not permitted because a conflicting RRSet of type CNAME with the same DNS"
                + " name already exists in zone "
                + zone);
  }

  /**
   * The batch as forwarded once this check let it through: each CREATE as an UPSERT, which on a
   * record set checked to be absent does the same. The emulator refuses a CREATE identical to one
   * in its change journal whenever any record set of the zone sorts at or after the name (it lists
   * from the name rather than at it), so a record the tool wrote, that was deleted and is written
   * again, would be refused although Route 53 accepts it.
   */
  static byte[] createsAsUpserts(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    return text.replace("<Action>CREATE</Action>", "<Action>UPSERT</Action>")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private record Content(long ttl, List<String> values) {}

  private record Change(String action, String name, String type, Content content) {}

  private static List<Change> changes(String body) {
    try {
      var doc =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(
                  new ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      List<Change> changes = new ArrayList<>();
      NodeList nodes = doc.getElementsByTagName("Change");
      for (int i = 0; i < nodes.getLength(); i++) {
        Element change = (Element) nodes.item(i);
        Element set = (Element) change.getElementsByTagName("ResourceRecordSet").item(0);
        List<String> values = new ArrayList<>();
        NodeList valueNodes = set.getElementsByTagName("Value");
        for (int v = 0; v < valueNodes.getLength(); v++) {
          values.add(valueNodes.item(v).getTextContent());
        }
        NodeList ttl = set.getElementsByTagName("TTL");
        changes.add(
            new Change(
                text(change, "Action"),
                text(set, "Name"),
                text(set, "Type"),
                new Content(
                    ttl.getLength() == 0 ? -1 : Long.parseLong(ttl.item(0).getTextContent()),
                    values.stream().sorted().toList())));
      }
      return changes;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read a change batch: " + e.getMessage(), e);
    }
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent();
  }

  private static String key(String name, String type) {
    return normal(name) + " " + type;
  }

  private static String normal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }
}
