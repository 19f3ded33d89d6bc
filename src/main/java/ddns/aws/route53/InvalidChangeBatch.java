package ddns.aws.route53;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  static boolean isStale(List<String> messages) {
    return !messages.isEmpty() && messages.stream().allMatch(m -> STALE.matcher(m).find());
  }
}
