package ddns.aws.route53;

import ddns.dns.DnsName;
import ddns.dns.InvalidNameException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Route 53 refuses a change batch with a body of its own ({@code <InvalidChangeBatch><Messages>
 * <Message>…}), not the usual {@code ErrorResponse}, so the SDK reports no error code or message
 * for it. This reads the messages from the raw body, and tells a stale plan (the zone changed since
 * it was read: retry after reading again) from a batch that can never succeed.
 */
final class InvalidChangeBatch {
  /** What real Route 53 says when a DELETE or CREATE no longer matches the zone. */
  private static final Pattern STALE =
      Pattern.compile("but it was not found|values provided do not match|but it already exists");

  private static final Pattern QUOTED_NAME = Pattern.compile("name='([^']+)'");
  private static final Pattern CONFLICT_NAME =
      Pattern.compile("with DNS name (\\S+) is not permitted");

  private InvalidChangeBatch() {}

  /** The messages, if the failure is an InvalidChangeBatch. */
  static Optional<List<String>> messages(AwsServiceException e) {
    boolean byCode =
        e.awsErrorDetails() != null && "InvalidChangeBatch".equals(e.awsErrorDetails().errorCode());
    if (e.awsErrorDetails() == null || e.awsErrorDetails().rawResponse() == null) {
      return byCode ? Optional.of(List.of(String.valueOf(e.getMessage()))) : Optional.empty();
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(e.awsErrorDetails().rawResponse().asByteArray()));
      boolean byRoot =
          doc.getDocumentElement().getLocalName() != null
              ? doc.getDocumentElement().getLocalName().equals("InvalidChangeBatch")
              : doc.getDocumentElement().getTagName().equals("InvalidChangeBatch");
      if (!byRoot && !byCode) {
        return Optional.empty();
      }
      List<String> messages = new ArrayList<>();
      NodeList nodes = doc.getElementsByTagName("Message");
      for (int i = 0; i < nodes.getLength(); i++) {
        messages.add(nodes.item(i).getTextContent().strip());
      }
      return Optional.of(messages);
    } catch (Exception parseFailure) {
      return byCode ? Optional.of(List.of(String.valueOf(e.getMessage()))) : Optional.empty();
    }
  }

  /**
   * The record set names Route 53's messages name: {@code [name='x.', type='A']} in the stale ones,
   * {@code RRSet of type CNAME with DNS name x. is not permitted …} where a CNAME would share its
   * name. Route 53 may name only some of the refused names; a name it writes in a form this tool
   * does not read is left out.
   */
  static Set<DnsName> names(List<String> messages) {
    Set<DnsName> names = new TreeSet<>();
    for (String message : messages) {
      for (Pattern pattern : List.of(QUOTED_NAME, CONFLICT_NAME)) {
        Matcher found = pattern.matcher(message);
        while (found.find()) {
          try {
            names.add(DnsName.parse(found.group(1)));
          } catch (InvalidNameException e) {
            // a name this tool cannot write is not one of its changes
          }
        }
      }
    }
    return names;
  }

  static boolean isStale(List<String> messages) {
    return !messages.isEmpty() && messages.stream().allMatch(m -> STALE.matcher(m).find());
  }
}
