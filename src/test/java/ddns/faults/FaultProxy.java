package ddns.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on loopback between the SDK and the emulator that injects what real AWS does and
 * the emulator never does: throttling, {@code PriorRequestNotComplete}, {@code InvalidChangeBatch},
 * 500s, reset connections, latency, and a "crash" that cuts the handler off after a chosen number
 * of calls. Error responses carry each service's real status, body format and error code (Route 53
 * and SNS XML, EC2 XML, DynamoDB JSON).
 */
public final class FaultProxy implements AutoCloseable {
  private static final Set<String> HOP_HEADERS =
      Set.of(
          "host",
          "content-length",
          "connection",
          "transfer-encoding",
          "expect",
          "upgrade",
          "keep-alive");
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");

  private final URI upstream;
  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> injected = new TreeMap<>();
  private volatile Crash crash;
  private final Object transactions = new Object();
  private final Object recordChanges = new Object();
  private volatile StrictRecordChanges strict;
  private volatile CrossAccountZones crossAccount;
  private final LifecycleActionsEmulation lifecycleActions = new LifecycleActionsEmulation();
  private volatile ChangeStatusEmulation changeStatus;

  /** One request as the proxy saw it. */
  public record Call(
      String service, String operation, String body, String path, Map<String, String> headers) {
    public Call(String service, String operation, String body) {
      this(service, operation, body, "", Map.of());
    }

    /** A request header, by its name in lower case; empty when absent. */
    public String header(String name) {
      return headers.getOrDefault(name, "");
    }

    @Override
    public String toString() {
      return service + "." + operation;
    }

    /** The request body contains {@code text} (to aim a fault at one record or instance). */
    public boolean mentions(String text) {
      return body.contains(text);
    }
  }

  /** Decides, per call, whether to inject a fault instead of forwarding. */
  public interface Rule {
    /** The fault for this call, or null to forward it. */
    Fault decide(Call call);
  }

  public FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void add(Rule rule) {
    rules.add(rule);
  }

  /** After {@code forwarded} more calls pass, the handler is cut off: see {@link Crash}. */
  public void crashAfter(int forwarded, boolean lastOneLands) {
    crash = new Crash(forwarded, lastOneLands);
  }

  /** Removes every rule and crash; counts are kept. */
  public void heal() {
    rules.clear();
    crash = null;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public void clearCalls() {
    calls.clear();
  }

  /** Faults injected so far, by kind. */
  public synchronized Map<String, Integer> injected() {
    Map<String, Integer> copy = new TreeMap<>();
    injected.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  public int injectedTotal() {
    return injected().values().stream().mapToInt(Integer::intValue).sum();
  }

  private synchronized void count(String kind) {
    injected.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Call call = identify(exchange, body);
      calls.add(call);
      Crash cut = crash;
      if (cut != null) {
        Crash.Verdict verdict = cut.next();
        if (verdict == Crash.Verdict.REFUSE) {
          count("crash: call refused");
          return; // closes the exchange without a response: the client sees a dropped connection
        }
        if (verdict == Crash.Verdict.LAND_THEN_DROP) {
          forward(exchange, body, true);
          count("crash: call applied, response lost");
          return;
        }
      }
      for (Rule rule : rules) {
        Fault fault = rule.decide(call);
        if (fault != null) {
          count(fault.kind());
          fault.apply(exchange, call, body, () -> send(exchange, call, body));
          return;
        }
      }
      send(exchange, call, body);
    }
  }

  /**
   * Makes Route 53's record-change rules hold (see {@link StrictRecordChanges}): each change batch
   * is checked against the zone as the emulator holds it, and refused as Route 53 refuses it.
   */
  public void strictRecordChanges(software.amazon.awssdk.services.route53.Route53Client emulator) {
    this.strict = new StrictRecordChanges(emulator);
  }

  /**
   * Makes Route 53's private zones work across accounts as documented (see {@link
   * CrossAccountZones}); {@code ownerKey} is the access key of the account that owns the zones.
   */
  public void crossAccountZones(String ownerKey) {
    this.crossAccount = new CrossAccountZones(ownerKey);
  }

  /**
   * Auto Scaling's lifecycle actions as the proxy emulates them (see {@link
   * LifecycleActionsEmulation}): the test opens them, the code under test completes them.
   */
  public LifecycleActionsEmulation lifecycleActions() {
    return lifecycleActions;
  }

  /**
   * Makes Route 53's change status real (see {@link ChangeStatusEmulation}): each accepted change
   * request gets an id of its own and stays {@code PENDING} while {@code pendingAfter} says so of
   * the n-th {@code GetChange} for it.
   */
  public ChangeStatusEmulation changeStatus(java.util.function.IntPredicate pendingAfter) {
    changeStatus = new ChangeStatusEmulation(pendingAfter);
    return changeStatus;
  }

  /** As above, the rule also seeing how long ago the change was accepted. */
  public ChangeStatusEmulation changeStatus(ChangeStatusEmulation.PendingRule rule) {
    changeStatus = new ChangeStatusEmulation(rule);
    return changeStatus;
  }

  /** Forwards the call; one at a time where the service applies them one at a time. */
  private void send(HttpExchange exchange, Call call, byte[] body) throws IOException {
    ChangeStatusEmulation status = changeStatus;
    if (status != null) {
      java.util.Optional<AwsErrors.Response> answer = status.answer(call, calls.lastIndexOf(call));
      if (answer.isPresent()) {
        count(call.operation() + " (emulated)");
        Fault.respond(exchange, answer.get());
        return;
      }
    }
    java.util.Optional<AwsErrors.Response> lifecycle =
        lifecycleActions.answer(call, calls.lastIndexOf(call));
    if (lifecycle.isPresent()) {
      count(call.operation() + " (emulated)");
      Fault.respond(exchange, lifecycle.get());
      return;
    }
    CrossAccountZones across = crossAccount;
    if (across != null) {
      if (call.service().equals("sts") && call.operation().equals("AssumeRole")) {
        HttpResponse<byte[]> answer = fetch(exchange, body, null);
        across.learn(call.body(), new String(answer.body(), StandardCharsets.UTF_8));
        write(exchange, answer);
        return;
      }
      CrossAccountZones.Handling handling = across.handle(call);
      if (handling.answer().isPresent()) {
        count(call.operation() + " (emulated)");
        Fault.respond(exchange, handling.answer().get());
        return;
      }
      if (handling.forwardAsKey().isPresent()) {
        write(exchange, fetch(exchange, body, handling.forwardAsKey().get()));
        return;
      }
    }
    StrictRecordChanges check = strict;
    if (check != null && call.operation().equals("ChangeResourceRecordSets")) {
      synchronized (recordChanges) {
        java.util.Optional<String> refused = check.refusal(call.path(), call.body());
        if (refused.isPresent()) {
          count("InvalidChangeBatch (emulated)");
          Fault.invalidChangeBatch(refused.get()).apply(exchange, call, body, () -> {});
          return;
        }
        forwardChange(exchange, StrictRecordChanges.createsAsUpserts(body));
      }
    } else if (call.operation().equals("ChangeResourceRecordSets")) {
      forwardChange(exchange, body);
    } else if (call.operation().equals("TransactWriteItems")) {
      synchronized (transactions) {
        forward(exchange, body, false);
      }
    } else {
      forward(exchange, body, false);
    }
  }

  /** A change request, its accepted answer given an id and status of its own when emulated. */
  private void forwardChange(HttpExchange exchange, byte[] body) throws IOException {
    ChangeStatusEmulation status = changeStatus;
    HttpResponse<byte[]> response = fetch(exchange, body, null);
    if (status == null || response.statusCode() != 200) {
      write(exchange, response);
      return;
    }
    String answer = status.accepted(new String(response.body(), StandardCharsets.UTF_8));
    Fault.respond(exchange, new AwsErrors.Response(200, "text/xml", answer));
  }

  private void forward(HttpExchange exchange, byte[] body, boolean dropResponse)
      throws IOException {
    HttpResponse<byte[]> response = fetch(exchange, body, null);
    if (!dropResponse) {
      write(exchange, response);
    }
  }

  /**
   * The emulator's answer to the call.
   *
   * @param asKey the access key to send the call with instead of the caller's (null: the caller's)
   */
  private HttpResponse<byte[]> fetch(HttpExchange exchange, byte[] body, String asKey)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (HOP_HEADERS.contains(name.toLowerCase())) {
                return;
              }
              if (asKey != null && name.equalsIgnoreCase("Authorization")) {
                values.forEach(
                    v ->
                        request.header(
                            name,
                            v.replaceFirst("Credential=[^/]+/", "Credential=" + asKey + "/")));
              } else if (asKey == null || !name.equalsIgnoreCase("X-Amz-Security-Token")) {
                values.forEach(v -> request.header(name, v));
              }
            });
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void write(HttpExchange exchange, HttpResponse<byte[]> response)
      throws IOException {
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
              }
            });
    byte[] payload = response.body();
    exchange.sendResponseHeaders(response.statusCode(), payload.length == 0 ? -1 : payload.length);
    if (payload.length > 0) {
      exchange.getResponseBody().write(payload);
    }
  }

  private static Call identify(HttpExchange exchange, byte[] body) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher scope = SCOPE.matcher(auth == null ? "" : auth);
    String service = scope.find() ? scope.group(1) : "unknown";
    String text = new String(body, StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null) {
      return new Call(service, target.substring(target.indexOf('.') + 1), text, path, headers);
    }
    if (service.equals("route53")) {
      return new Call(
          service, route53Operation(exchange.getRequestMethod(), path), text, path, headers);
    }
    if (path.startsWith("/federation/credentials")) {
      return new Call("sso", "GetRoleCredentials", text, path, headers);
    }
    for (String pair : text.split("&")) {
      if (pair.startsWith("Action=")) {
        return new Call(
            service,
            URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8),
            text,
            path,
            headers);
      }
    }
    return new Call(service, "unknown", text, path, headers);
  }

  private static String route53Operation(String method, String path) {
    String p = path.replaceFirst("^/2013-04-01", "");
    if (p.matches("/hostedzone/[^/]+/rrset/?")) {
      return method.equals("POST") ? "ChangeResourceRecordSets" : "ListResourceRecordSets";
    }
    if (p.matches("/hostedzone/[^/]+/associatevpc/?")) {
      return "AssociateVPCWithHostedZone";
    }
    if (p.matches("/hostedzone/[^/]+/authorizevpcassociation/?")) {
      return "CreateVPCAssociationAuthorization";
    }
    if (p.matches("/hostedzone/[^/]+/deauthorizevpcassociation/?")) {
      return "DeleteVPCAssociationAuthorization";
    }
    if (p.matches("/hostedzone/?")) {
      return method.equals("POST") ? "CreateHostedZone" : "ListHostedZones";
    }
    if (p.matches("/change/[^/]+/?")) {
      return "GetChange";
    }
    if (p.startsWith("/hostedzonesbyvpc")) {
      return "ListHostedZonesByVPC";
    }
    if (p.startsWith("/accountlimit/")) {
      return "GetAccountLimit";
    }
    if (p.matches("/hostedzone/[^/]+/?")) {
      return "GetHostedZone";
    }
    return "unknown";
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * Counts calls down to the cut; then one optional call lands unanswered, and the rest are
   * refused.
   */
  private static final class Crash {
    enum Verdict {
      FORWARD,
      LAND_THEN_DROP,
      REFUSE
    }

    private final AtomicInteger remaining;
    private final boolean lastOneLands;
    private final AtomicInteger landed = new AtomicInteger();

    Crash(int forwarded, boolean lastOneLands) {
      this.remaining = new AtomicInteger(forwarded);
      this.lastOneLands = lastOneLands;
    }

    Verdict next() {
      if (remaining.getAndDecrement() > 0) {
        return Verdict.FORWARD;
      }
      if (lastOneLands && landed.getAndIncrement() == 0) {
        return Verdict.LAND_THEN_DROP;
      }
      return Verdict.REFUSE;
    }
  }
}
