package ddns.faults;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route 53's private zones across accounts, which the emulator lacks: it keeps a zone and its VPC
 * associations in the zone owner's account, has no association authorizations, and lets any caller
 * associate any VPC. Emulated here as Route 53 documents it (docs/decisions.md, "What the test
 * proxy emulates"):
 *
 * <ul>
 *   <li>{@code CreateVPCAssociationAuthorization} and {@code DeleteVPCAssociationAuthorization}
 *       (answered here; a deletion of none is {@code VPCAssociationAuthorizationNotFound}, 404);
 *   <li>{@code AssociateVPCWithHostedZone} from another account than the zone's is refused with
 *       {@code NotAuthorizedException} (401) unless authorized, and otherwise made in the zone
 *       owner's account, where the emulator keeps it;
 *   <li>{@code ListHostedZonesByVPC} from another account sees the zones of the zone owner's
 *       account its VPC is associated with (Route 53 lists every owner's).
 * </ul>
 *
 * The calling account is told by the access key: the owner's, or one the emulator's STS gave for a
 * role in another account (learned from the {@code AssumeRole} calls that pass).
 */
final class CrossAccountZones {
  private static final Pattern KEY = Pattern.compile("Credential=([^/]+)/");
  private static final Pattern ROLE_ACCOUNT =
      Pattern.compile("RoleArn=arn%3Aaws%3Aiam%3A%3A([0-9]{12})%3A");
  private static final Pattern ANSWERED_KEY = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
  private static final Pattern ZONE = Pattern.compile("/hostedzone/([^/]+)/");
  private static final Pattern VPC_ID = Pattern.compile("<VPCId>([^<]+)</VPCId>");
  private static final Pattern VPC_REGION = Pattern.compile("<VPCRegion>([^<]+)</VPCRegion>");
  private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  private final String ownerKey;
  private final Map<String, String> accountOfKey = new ConcurrentHashMap<>();
  private final Set<String> authorizations = ConcurrentHashMap.newKeySet();

  /**
   * @param ownerKey the access key of the account that owns the zones (the emulator's default)
   */
  CrossAccountZones(String ownerKey) {
    this.ownerKey = ownerKey;
  }

  /** What to do with a call: answer it here, forward it as another key, or forward it as is. */
  record Handling(Optional<AwsErrors.Response> answer, Optional<String> forwardAsKey) {
    static final Handling AS_IS = new Handling(Optional.empty(), Optional.empty());
  }

  /** Learns the account of the credentials an {@code AssumeRole} answer gave. */
  void learn(String request, String response) {
    Matcher account = ROLE_ACCOUNT.matcher(request);
    Matcher key = ANSWERED_KEY.matcher(response);
    if (account.find() && key.find()) {
      accountOfKey.put(key.group(1), account.group(1));
    }
  }

  Handling handle(FaultProxy.Call call) {
    if (!call.service().equals("route53")) {
      return Handling.AS_IS;
    }
    Matcher keyMatch = KEY.matcher(call.header("authorization"));
    String key = keyMatch.find() ? keyMatch.group(1) : ownerKey;
    boolean fromOwner = !accountOfKey.containsKey(key);
    String zone = zoneOf(call.path());
    return switch (call.operation()) {
      case "CreateVPCAssociationAuthorization" -> {
        String vpc = vpcOf(call.body());
        authorizations.add(zone + "|" + vpc);
        yield answer(
            200,
            "<CreateVPCAssociationAuthorizationResponse xmlns=\""
                + NS
                + "\"><HostedZoneId>"
                + zone
                + "</HostedZoneId>"
                + vpcXml(call.body())
                + "</CreateVPCAssociationAuthorizationResponse>");
      }
      case "DeleteVPCAssociationAuthorization" -> {
        if (!authorizations.remove(zone + "|" + vpcOf(call.body()))) {
          yield error(
              404,
              "VPCAssociationAuthorizationNotFound",
              "The VPC you specified is not authorized to be associated with the hosted zone.");
        }
        yield answer(200, "<DeleteVPCAssociationAuthorizationResponse xmlns=\"" + NS + "\"/>");
      }
      case "AssociateVPCWithHostedZone" -> {
        if (fromOwner) {
          yield Handling.AS_IS;
        }
        if (!authorizations.contains(zone + "|" + vpcOf(call.body()))) {
          yield error(
              401,
              "NotAuthorizedException",
              "Associating the specified VPC with the specified hosted zone is not authorized.");
        }
        yield new Handling(Optional.empty(), Optional.of(ownerKey));
      }
      case "ListHostedZonesByVPC" ->
          fromOwner ? Handling.AS_IS : new Handling(Optional.empty(), Optional.of(ownerKey));
      default -> Handling.AS_IS;
    };
  }

  private static String zoneOf(String path) {
    Matcher m = ZONE.matcher(path + "/");
    return m.find() ? m.group(1) : "";
  }

  private static String vpcOf(String body) {
    Matcher id = VPC_ID.matcher(body);
    Matcher region = VPC_REGION.matcher(body);
    return (id.find() ? id.group(1) : "") + "@" + (region.find() ? region.group(1) : "");
  }

  private static String vpcXml(String body) {
    Matcher id = VPC_ID.matcher(body);
    Matcher region = VPC_REGION.matcher(body);
    return "<VPC><VPCRegion>"
        + (region.find() ? region.group(1) : "")
        + "</VPCRegion><VPCId>"
        + (id.find() ? id.group(1) : "")
        + "</VPCId></VPC>";
  }

  private static Handling answer(int status, String xml) {
    return new Handling(
        Optional.of(new AwsErrors.Response(status, "text/xml", "<?xml version=\"1.0\"?>\n" + xml)),
        Optional.empty());
  }

  private static Handling error(int status, String code, String message) {
    return new Handling(
        Optional.of(AwsErrors.errorResponse(status, NS, code, message)), Optional.empty());
  }
}
