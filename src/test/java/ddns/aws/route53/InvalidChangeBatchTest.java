package ddns.aws.route53;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Route 53's own refusal document, as recorded in golden files, read the way the adapter reads it
 * (the SDK leaves it unparsed: no error code, no message).
 */
class InvalidChangeBatchTest {

  @Test
  void staleDeletes_areReadMessageByMessage_andCountAsStale() throws IOException {
    List<String> messages = InvalidChangeBatch.messages(refusal("stale")).orElseThrow();

    assertThat(messages)
        .containsExactly(
            "Tried to delete resource record set [name='web.corp.internal.', type='CNAME'] but it"
                + " was not found",
            "Tried to delete resource record set [name='ip-10-0-1-4.corp.internal.', type='A']"
                + " but the values provided do not match the current values");
    assertThat(InvalidChangeBatch.isStale(messages)).isTrue();
  }

  @Test
  void aConflict_isRead_andIsNotStale() throws IOException {
    List<String> messages = InvalidChangeBatch.messages(refusal("refused")).orElseThrow();

    assertThat(messages).singleElement().asString().contains("conflicts with other records");
    assertThat(InvalidChangeBatch.isStale(messages)).isFalse();
  }

  @Test
  void anOrdinaryErrorResponse_isNoInvalidChangeBatch() {
    AwsServiceException throttled =
        AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("Throttling")
                    .rawResponse(
                        SdkBytes.fromUtf8String(
                            "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>"))
                    .build())
            .build();

    assertThat(InvalidChangeBatch.messages(throttled)).isEmpty();
  }

  private static AwsServiceException refusal(String name) throws IOException {
    try (InputStream in =
        InvalidChangeBatchTest.class.getResourceAsStream(
            "/golden/route53/invalid-change-batch-" + name + ".xml")) {
      return AwsServiceException.builder()
          .statusCode(400)
          .awsErrorDetails(
              AwsErrorDetails.builder().rawResponse(SdkBytes.fromInputStream(in)).build())
          .build();
    }
  }
}
