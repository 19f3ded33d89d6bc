package ddns.faults;

import java.util.UUID;

/** Error responses as the real services send them, by protocol. */
final class AwsErrors {
  private AwsErrors() {}

  record Response(int status, String contentType, String body) {}

  static Response of(String service, String code) {
    int status = status(code);
    String message = message(code);
    return switch (service) {
      case "dynamodb" ->
          new Response(
              status,
              "application/x-amz-json-1.0",
              "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                  + code
                  + "\",\"message\":\""
                  + message
                  + "\"}");
      case "ec2" ->
          new Response(
              status,
              "text/xml;charset=UTF-8",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
                  + code
                  + "</Code><Message>"
                  + message
                  + "</Message></Error></Errors><RequestID>"
                  + UUID.randomUUID()
                  + "</RequestID></Response>");
      case "route53" ->
          errorResponse(status, "https://route53.amazonaws.com/doc/2013-04-01/", code, message);
      default -> errorResponse(status, "http://sns.amazonaws.com/doc/2010-03-31/", code, message);
    };
  }

  /** The {@code ErrorResponse} document of the REST-XML and query services (Route 53, SNS). */
  static Response errorResponse(int status, String namespace, String code, String message) {
    return new Response(
        status,
        "text/xml",
        "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\""
            + namespace
            + "\"><Error><Type>"
            + (status >= 500 ? "Receiver" : "Sender")
            + "</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>"
            + UUID.randomUUID()
            + "</RequestId></ErrorResponse>");
  }

  /** Route 53 answers ChangeResourceRecordSets with its own root element, not ErrorResponse. */
  static String invalidChangeBatch(String message) {
    return "<?xml version=\"1.0\"?>\n<InvalidChangeBatch xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
        + "<Messages><Message>"
        + message
        + "</Message></Messages><RequestId>"
        + UUID.randomUUID()
        + "</RequestId></InvalidChangeBatch>";
  }

  private static int status(String code) {
    return switch (code) {
      case "RequestLimitExceeded", "ServiceUnavailable" -> 503;
      case "InternalError", "InternalFailure", "InternalServerError" -> 500;
      case "HostedZoneAlreadyExists" -> 409;
      case "AccessDenied" -> 403;
      default -> 400;
    };
  }

  private static String message(String code) {
    return switch (code) {
      case "Throttling" -> "Rate exceeded";
      case "PriorRequestNotComplete" ->
          "The request was rejected because Route 53 was still processing a prior request.";
      case "RequestLimitExceeded" -> "Request limit exceeded.";
      case "HostedZoneAlreadyExists" ->
          "A hosted zone has already been created with the specified caller reference.";
      case "ConflictingDomainExists" ->
          "The VPC is already associated with a hosted zone that has the same domain name.";
      case "AccessDenied" ->
          "User: arn:aws:iam::123456789012:user/testing is not authorized to perform:"
              + " sts:AssumeRole on resource: arn:aws:iam::123456789012:role/ddns-operator";
      case "TooManyHostedZones" ->
          "This operation can't be completed either because the current account has reached the"
              + " limit on the number of hosted zones or because you've reached the limit on the"
              + " number of hosted zones that can be associated with a reusable delegation set.";
      case "ProvisionedThroughputExceededException" ->
          "The level of configured provisioned throughput for the table was exceeded.";
      default -> "We encountered an internal error. Please try again.";
    };
  }
}
