package ddns.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** How a failed call is said in logs, alerts and notes: operation, code, message, status. */
class AwsCallTest {

  @Test
  void aRefusal_namesItsCodeMessageAndStatus() {
    AwsServiceException e =
        AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("TooManyHostedZones")
                    .errorMessage("limit reached")
                    .build())
            .build();

    assertThat(AwsCall.describe("Route53.CreateHostedZone", e))
        .isEqualTo("Route53.CreateHostedZone failed: TooManyHostedZones: limit reached (HTTP 400)");
  }

  @Test
  void anAnswerWithoutAnErrorDocument_saysSo_ratherThanNull() {
    AwsServiceException e =
        AwsServiceException.builder()
            .statusCode(404)
            .awsErrorDetails(AwsErrorDetails.builder().build())
            .build();

    assertThat(AwsCall.describe("Route53.GetAccountLimit", e))
        .isEqualTo("Route53.GetAccountLimit failed: no error code (HTTP 404)");
  }
}
