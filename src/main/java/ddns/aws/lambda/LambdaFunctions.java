package ddns.aws.lambda;

import ddns.failure.ServiceFailure;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Reads what a deployed function runs with ({@code GetFunctionConfiguration}). Read-only. */
public final class LambdaFunctions {
  private final LambdaClient lambda;

  public LambdaFunctions(LambdaClient lambda) {
    this.lambda = lambda;
  }

  /**
   * The function's environment variables, as Lambda passes them to it (its settings).
   *
   * @throws IllegalArgumentException when there is no such function, naming it
   * @throws ServiceFailure when Lambda cannot be read after the SDK's retries
   */
  public Map<String, String> environment(String functionName) {
    try {
      EnvironmentResponse environment =
          lambda.getFunctionConfiguration(r -> r.functionName(functionName)).environment();
      return environment == null ? Map.of() : Map.copyOf(environment.variables());
    } catch (ResourceNotFoundException e) {
      throw new IllegalArgumentException("function '" + functionName + "' not found", e);
    } catch (SdkException e) {
      throw new ServiceFailure("Lambda GetFunctionConfiguration " + functionName, e);
    }
  }

  /**
   * Stops the queue trigger with this id (the mapping's UUID) from invoking the function
   * (UpdateEventSourceMapping, Enabled=false); the queue keeps its messages. Idempotent; a mapping
   * already gone counts as stopped.
   *
   * @throws ServiceFailure when Lambda refuses after the SDK's retries
   */
  public void disableEventSource(String mappingId) {
    try {
      lambda.updateEventSourceMapping(r -> r.uuid(mappingId).enabled(false));
    } catch (ResourceNotFoundException e) {
      // gone with its stack: nothing left to stop
    } catch (SdkException e) {
      throw new ServiceFailure("Lambda UpdateEventSourceMapping " + mappingId, e);
    }
  }
}
