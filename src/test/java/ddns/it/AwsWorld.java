package ddns.it;

import ddns.dns.DnsName;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.VPCRegion;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Builds the AWS side of a scenario in the emulator (VPCs, zones, instances) and reads back the end
 * state (records, registry items, alerts), with plain SDK clients independent of the code under
 * test.
 */
public final class AwsWorld implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";
  private static final String IMAGE = "ami-12c6146b";

  final Ec2Client ec2;
  final Route53Client route53;
  final DynamoDbClient dynamoDb;
  final SnsClient sns;
  final SqsClient sqs;
  final AutoScalingClient autoScaling;
  private String alertQueueUrl;

  /** A VPC with one subnet. */
  record Network(String vpcId, String subnetId) {}

  AwsWorld(URI endpoint) {
    // Always straight to the emulator, even when the code under test goes through a fault proxy.
    this(
        endpoint,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
        REGION);
  }

  /**
   * The world of another account and region: the emulator's STS gives credentials of a role there,
   * and every call made with them acts in that account (docs/decisions.md, "What the test proxy
   * emulates").
   */
  static AwsWorld of(URI endpoint, String account, String region) {
    try (var sts =
        software.amazon.awssdk.services.sts.StsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build()) {
      var assumed =
          sts.assumeRole(
                  r ->
                      r.roleArn("arn:aws:iam::" + account + ":role/world-builder")
                          .roleSessionName("world"))
              .credentials();
      return new AwsWorld(
          endpoint,
          StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                  assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken())),
          region);
    }
  }

  private AwsWorld(URI endpoint, AwsCredentialsProvider keys, String region) {
    this.ec2 =
        Ec2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(keys)
            .build();
    this.route53 =
        Route53Client.builder()
            .endpointOverride(endpoint)
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(keys)
            .build();
    this.dynamoDb =
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(keys)
            .build();
    this.sns =
        SnsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(keys)
            .build();
    this.sqs =
        SqsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(keys)
            .build();
    this.autoScaling =
        AutoScalingClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(keys)
            .build();
  }

  /**
   * An Auto Scaling group of {@code size} instances in the network's subnet, with tags on the group
   * that are not propagated to its instances, and tags that are; its instance ids.
   */
  List<String> group(
      Network net,
      String name,
      int size,
      Map<String, String> groupTags,
      Map<String, String> propagated) {
    autoScaling.createLaunchConfiguration(
        r -> r.launchConfigurationName(name + "-lc").imageId(IMAGE).instanceType("t3.micro"));
    List<software.amazon.awssdk.services.autoscaling.model.Tag> tags = new ArrayList<>();
    groupTags.forEach(
        (k, v) ->
            tags.add(
                software.amazon.awssdk.services.autoscaling.model.Tag.builder()
                    .resourceId(name)
                    .resourceType("auto-scaling-group")
                    .key(k)
                    .value(v)
                    .propagateAtLaunch(false)
                    .build()));
    propagated.forEach(
        (k, v) ->
            tags.add(
                software.amazon.awssdk.services.autoscaling.model.Tag.builder()
                    .resourceId(name)
                    .resourceType("auto-scaling-group")
                    .key(k)
                    .value(v)
                    .propagateAtLaunch(true)
                    .build()));
    autoScaling.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName(name)
                .launchConfigurationName(name + "-lc")
                .minSize(0)
                .maxSize(Math.max(size, 10))
                .desiredCapacity(size)
                .vpcZoneIdentifier(net.subnetId())
                .tags(tags));
    return autoScaling
        .describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
        .autoScalingGroups()
        .get(0)
        .instances()
        .stream()
        .map(i -> i.instanceId())
        .sorted()
        .toList();
  }

  /**
   * The environment the code under test reads AWS settings from: {@code endpoint}, the region and
   * test credentials. Passed explicitly, never set JVM-wide, so tests can run side by side.
   */
  static Map<String, String> awsEnvironment(URI endpoint) {
    return Map.of(
        "AWS_ENDPOINT_URL",
        endpoint.toString(),
        "AWS_REGION",
        REGION,
        "AWS_ACCESS_KEY_ID",
        "testing",
        "AWS_SECRET_ACCESS_KEY",
        "testing");
  }

  Network network(String cidr, String dhcpDomain, boolean dnsSupport) {
    String vpcId = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    ec2.modifyVpcAttribute(
        r ->
            r.vpcId(vpcId)
                .enableDnsSupport(AttributeBooleanValue.builder().value(dnsSupport).build()));
    ec2.modifyVpcAttribute(
        r ->
            r.vpcId(vpcId).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
    if (dhcpDomain != null) {
      String options =
          ec2.createDhcpOptions(
                  r ->
                      r.dhcpConfigurations(
                          NewDhcpConfiguration.builder()
                              .key("domain-name")
                              .values(dhcpDomain)
                              .build(),
                          NewDhcpConfiguration.builder()
                              .key("domain-name-servers")
                              .values("AmazonProvidedDNS")
                              .build()))
              .dhcpOptions()
              .dhcpOptionsId();
      ec2.associateDhcpOptions(r -> r.vpcId(vpcId).dhcpOptionsId(options));
    }
    String subnet = cidr.replaceFirst("\\.0\\.0/16$", ".1.0/24");
    String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(subnet)).subnet().subnetId();
    return new Network(vpcId, subnetId);
  }

  /**
   * A dual-stack network: the VPC with an Amazon-provided IPv6 /56, its subnet with the first /64
   * of it, as {@link #network} otherwise.
   *
   * @return the network, and the subnet's IPv6 /64 (such as {@code 2400:6500:7f41:1a00::/64})
   */
  DualStack dualStackNetwork(String cidr, String dhcpDomain) {
    Network net = network(cidr, dhcpDomain, true);
    ec2.associateVpcCidrBlock(r -> r.vpcId(net.vpcId()).amazonProvidedIpv6CidrBlock(true));
    String block =
        ec2.describeVpcs(r -> r.vpcIds(net.vpcId()))
            .vpcs()
            .get(0)
            .ipv6CidrBlockAssociationSet()
            .get(0)
            .ipv6CidrBlock();
    String slash64 = block.replace("/56", "/64");
    ec2.associateSubnetCidrBlock(r -> r.subnetId(net.subnetId()).ipv6CidrBlock(slash64));
    return new DualStack(net, slash64);
  }

  record DualStack(Network net, String ipv6Block) {}

  /** Launches an instance with {@code ipv6} IPv6 addresses from its subnet's /64. */
  String launchDualStack(Network net, int ipv6) {
    return ec2.runInstances(
            r ->
                r.imageId(IMAGE)
                    .instanceType("t3.micro")
                    .minCount(1)
                    .maxCount(1)
                    .subnetId(net.subnetId())
                    .ipv6AddressCount(ipv6))
        .instances()
        .get(0)
        .instanceId();
  }

  /** The instance's IPv6 addresses, as DescribeInstances lists them. */
  List<String> ipv6Addresses(String instanceId) {
    return describe(instanceId).networkInterfaces().stream()
        .flatMap(eni -> eni.ipv6Addresses().stream())
        .map(a -> a.ipv6Address())
        .toList();
  }

  String privateZone(String name, String vpcId) {
    return bare(
        route53
            .createHostedZone(
                r ->
                    r.name(name)
                        .callerReference("test " + name + " " + vpcId)
                        .vpc(v -> v.vpcId(vpcId).vpcRegion(VPCRegion.US_EAST_1))
                        .hostedZoneConfig(c -> c.privateZone(true)))
            .hostedZone()
            .id());
  }

  String publicZone(String name) {
    return bare(
        route53
            .createHostedZone(
                r ->
                    r.name(name)
                        .callerReference("test public " + name)
                        .hostedZoneConfig(c -> c.privateZone(false)))
            .hostedZone()
            .id());
  }

  String launch(Network net, Map<String, String> tags, boolean publicIp) {
    List<Tag> tagList =
        tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
    var request =
        software.amazon.awssdk.services.ec2.model.RunInstancesRequest.builder()
            .imageId(IMAGE)
            .instanceType("t3.micro")
            .minCount(1)
            .maxCount(1);
    if (publicIp) {
      request.networkInterfaces(
          InstanceNetworkInterfaceSpecification.builder()
              .deviceIndex(0)
              .subnetId(net.subnetId())
              .associatePublicIpAddress(true)
              .build());
    } else {
      request.subnetId(net.subnetId());
    }
    if (!tagList.isEmpty()) {
      request.tagSpecifications(
          TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tagList).build());
    }
    return ec2.runInstances(request.build()).instances().get(0).instanceId();
  }

  /** Another subnet of the network's VPC. */
  String subnet(Network net, String cidr) {
    return ec2.createSubnet(r -> r.vpcId(net.vpcId()).cidrBlock(cidr)).subnet().subnetId();
  }

  /**
   * Launches {@code count} instances at once (one RunInstances call per 500).
   *
   * @return their ids
   */
  List<String> launchMany(String subnetId, int count, Map<String, String> tags) {
    List<String> ids = new java.util.ArrayList<>();
    List<Tag> tagList =
        tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
    for (int done = 0; done < count; done += 500) {
      int n = Math.min(500, count - done);
      var request =
          software.amazon.awssdk.services.ec2.model.RunInstancesRequest.builder()
              .imageId(IMAGE)
              .instanceType("t3.micro")
              .minCount(n)
              .maxCount(n)
              .subnetId(subnetId);
      if (!tagList.isEmpty()) {
        request.tagSpecifications(
            TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tagList).build());
      }
      ec2.runInstances(request.build()).instances().forEach(i -> ids.add(i.instanceId()));
    }
    return ids;
  }

  Instance describe(String instanceId) {
    return ec2.describeInstances(r -> r.instanceIds(instanceId))
        .reservations()
        .get(0)
        .instances()
        .get(0);
  }

  void stop(String instanceId) {
    ec2.stopInstances(r -> r.instanceIds(instanceId));
  }

  void terminate(String instanceId) {
    ec2.terminateInstances(r -> r.instanceIds(instanceId));
  }

  void start(String instanceId) {
    ec2.startInstances(r -> r.instanceIds(instanceId));
  }

  /** Every record set of the zone except SOA and NS, sorted by name and type. */
  List<RecordSet> records(String zoneId) {
    List<RecordSet> sets = new ArrayList<>();
    for (ResourceRecordSet set :
        route53.listResourceRecordSetsPaginator(r -> r.hostedZoneId(zoneId)).resourceRecordSets()) {
      if (set.typeAsString().equals("SOA") || set.typeAsString().equals("NS")) {
        continue;
      }
      sets.add(
          new RecordSet(
              DnsName.parse(set.name()),
              RecordType.fromRoute53(set.typeAsString()),
              set.ttl(),
              set.resourceRecords().stream().map(v -> v.value()).toList()));
    }
    sets.sort(Comparator.comparing((RecordSet s) -> s.name()).thenComparing(RecordSet::type));
    return sets;
  }

  /** Writes a record by hand, as an operator or another tool would. */
  void handWrittenRecord(String zoneId, String name, String type, String value) {
    editRecord(zoneId, name, type, 300, value);
  }

  /** Changes a record by hand (UPSERT with this TTL and value), as an operator would. */
  void editRecord(String zoneId, String name, String type, long ttl, String value) {
    route53.changeResourceRecordSets(
        r ->
            r.hostedZoneId(zoneId)
                .changeBatch(
                    b ->
                        b.changes(
                            c ->
                                c.action("UPSERT")
                                    .resourceRecordSet(
                                        s ->
                                            s.name(name)
                                                .type(type)
                                                .ttl(ttl)
                                                .resourceRecords(v -> v.value(value))))));
  }

  /** Deletes a record set by hand, whatever it holds, as an operator would. */
  void deleteRecord(String zoneId, String name, RecordType type) {
    String wanted = DnsName.parse(name).value();
    for (RecordSet set : records(zoneId)) {
      if (set.name().value().equals(wanted) && set.type() == type) {
        route53.changeResourceRecordSets(
            r ->
                r.hostedZoneId(zoneId)
                    .changeBatch(
                        b ->
                            b.changes(
                                c ->
                                    c.action("DELETE")
                                        .resourceRecordSet(
                                            s ->
                                                s.name(wanted)
                                                    .type(type.name())
                                                    .ttl(set.ttl())
                                                    .resourceRecords(
                                                        set.values().stream()
                                                            .map(
                                                                v ->
                                                                    software.amazon.awssdk.services
                                                                        .route53.model
                                                                        .ResourceRecord.builder()
                                                                        .value(v)
                                                                        .build())
                                                            .toList())))));
      }
    }
  }

  List<String> zoneIdsNamed(String name) {
    return route53.listHostedZones().hostedZones().stream()
        .filter(z -> z.name().equals(name))
        .map(z -> bare(z.id()))
        .toList();
  }

  String zoneIdNamed(String name) {
    return route53.listHostedZones().hostedZones().stream()
        .filter(z -> z.name().equals(name))
        .map(z -> bare(z.id()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no zone " + name));
  }

  /** All registry items of the given table; empty when the table does not exist. */
  List<Map<String, AttributeValue>> registryItems(String table) {
    try {
      return dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
          .toList();
    } catch (ResourceNotFoundException e) {
      return List.of();
    }
  }

  /**
   * A registry table as the stack (and before it the AWS sample) creates it: hash key InstanceId, a
   * string.
   */
  void registryTable(String table) {
    dynamoDb.createTable(
        r ->
            r.tableName(table)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("InstanceId").attributeType("S"))
                .keySchema(k -> k.attributeName("InstanceId").keyType("HASH")));
  }

  /** An item as the AWS sample wrote it: the instance, printed by Python's str(). */
  void samplesItem(String table, String instanceId) {
    String printed =
        "{'Reservations': [{'Instances': [{'InstanceId': '"
            + instanceId
            + "', 'PrivateIpAddress': '10.20.1.4', 'Tags': [{'Key': 'CNAME', 'Value': 'x'}]}]}]}";
    dynamoDb.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "InstanceId", AttributeValue.fromS(instanceId),
                        "InstanceAttributes", AttributeValue.fromS(printed))));
  }

  /** Creates the DDNSAlerts topic with a queue subscribed, so tests can read what was alerted. */
  void subscribeToAlerts() {
    String topicArn = sns.createTopic(r -> r.name("DDNSAlerts")).topicArn();
    alertQueueUrl = sqs.createQueue(r -> r.queueName("alerts")).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(alertQueueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(
        r ->
            r.topicArn(topicArn)
                .protocol("sqs")
                .endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
  }

  /** The alert messages delivered so far (consumed). */
  List<String> alerts() {
    List<String> bodies = new ArrayList<>();
    while (true) {
      var messages =
          sqs.receiveMessage(
                  r -> r.queueUrl(alertQueueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
              .messages();
      if (messages.isEmpty()) {
        return bodies;
      }
      messages.forEach(
          m -> {
            bodies.add(m.body());
            sqs.deleteMessage(r -> r.queueUrl(alertQueueUrl).receiptHandle(m.receiptHandle()));
          });
    }
  }

  private static String bare(String id) {
    return id.replace("/hostedzone/", "");
  }

  @Override
  public void close() {
    ec2.close();
    route53.close();
    dynamoDb.close();
    sns.close();
    sqs.close();
    autoScaling.close();
  }
}
