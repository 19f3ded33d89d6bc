"""Builds and inspects the demo world in the AWS emulator (used by bin/demo, and by hand).

  create DIR          VPC, zones, six tagged instances; writes DIR/{running,stopped}-NAME.json
                      events, DIR/running-batch.json (SQS batch) and DIR/ids.json
  stop|start|terminate INSTANCE_ID
  records             every record set in every zone, as a table
  summary FILE        a short view of a `ddns handle` JSON summary
  alerts              the alerts published to DDNSAlerts so far

Talks to the endpoint in AWS_ENDPOINT_URL with boto3 from the project venv. The code under
demonstration is the Java tool, run by bin/demo through bin/ddns; this script only plays the
part of the AWS account around it.
"""
import json
import os
import sys
import uuid

import boto3

REGION = os.environ.get("AWS_REGION", "us-east-1")
ACCOUNT = "123456789012"


def client(name):
    return boto3.client(name, region_name=REGION, endpoint_url=os.environ["AWS_ENDPOINT_URL"])


def event(instance_id, state):
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "EC2 Instance State-change Notification",
        "source": "aws.ec2",
        "account": ACCOUNT,
        "time": "2026-11-26T10:00:00Z",
        "region": REGION,
        "resources": [f"arn:aws:ec2:{REGION}:{ACCOUNT}:instance/{instance_id}"],
        "detail": {"instance-id": instance_id, "state": state},
    }


def sqs_batch(events):
    return {"Records": [{
        "messageId": f"demo-{n}",
        "receiptHandle": "demo",
        "body": json.dumps(e),
        "attributes": {"ApproximateReceiveCount": "1"},
        "messageAttributes": {},
        "eventSource": "aws:sqs",
        "eventSourceARN": f"arn:aws:sqs:{REGION}:{ACCOUNT}:ddns-events",
        "awsRegion": REGION,
    } for n, e in enumerate(events)]}


def create(work):
    ec2, r53, sns, sqs = client("ec2"), client("route53"), client("sns"), client("sqs")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    dhcp = ec2.create_dhcp_options(DhcpConfigurations=[
        {"Key": "domain-name", "Values": ["corp.internal"]},
        {"Key": "domain-name-servers", "Values": ["AmazonProvidedDNS"]}])["DhcpOptions"]["DhcpOptionsId"]
    ec2.associate_dhcp_options(VpcId=vpc, DhcpOptionsId=dhcp)
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    vpc_ref = {"VPCRegion": REGION, "VPCId": vpc}
    corp = r53.create_hosted_zone(Name="corp.internal", CallerReference="demo-corp", VPC=vpc_ref,
                                  HostedZoneConfig={"PrivateZone": True})["HostedZone"]["Id"]
    r53.create_hosted_zone(Name="example.com", CallerReference="demo-example-private", VPC=vpc_ref,
                           HostedZoneConfig={"PrivateZone": True})
    r53.create_hosted_zone(Name="example.com", CallerReference="demo-example-public",
                           HostedZoneConfig={"PrivateZone": False})
    # A record someone wrote by hand: the tool must leave it alone.
    r53.change_resource_record_sets(HostedZoneId=corp, ChangeBatch={"Changes": [{"Action": "UPSERT",
        "ResourceRecordSet": {"Name": "legacy.corp.internal.", "Type": "CNAME", "TTL": 300,
                              "ResourceRecords": [{"Value": "old-server.example.com."}]}}]})
    topic = sns.create_topic(Name="DDNSAlerts")["TopicArn"]
    queue = sqs.create_queue(QueueName="ddns-alerts")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})

    fleet = [
        ("web-1", {"CNAME": "web.corp.internal"}, False),
        ("web-2", {"CNAME": "web.corp.internal."}, False),
        ("api", {"ZONE": "example.com", "CNAME": "api.example.com"}, True),
        ("worker", {}, False),
        ("db", {"HOSTNAME": "db01"}, False),
        ("cache-1", {"POOL": "cache"}, False),
        ("cache-2", {"POOL": "cache"}, False),
        ("legacy", {"CNAME": "legacy.corp.internal"}, False),
        ("wild", {"CNAME": "*.corp.internal"}, False),
    ]
    ids = {}
    for name, tags, public in fleet:
        args = dict(ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=1, MaxCount=1,
                    TagSpecifications=[{"ResourceType": "instance",
                                        "Tags": [{"Key": "Name", "Value": name}] +
                                                [{"Key": k, "Value": v} for k, v in tags.items()]}])
        if public:
            args["NetworkInterfaces"] = [{"DeviceIndex": 0, "SubnetId": subnet, "AssociatePublicIpAddress": True}]
        else:
            args["SubnetId"] = subnet
        instance = ec2.run_instances(**args)["Instances"][0]
        ids[name] = instance["InstanceId"]
        print(f"   {name:7} {instance['InstanceId']}  {instance['PrivateIpAddress']:10}  tags={tags}")
    for name, instance_id in ids.items():
        for state in ("running", "stopped"):
            with open(os.path.join(work, f"{state}-{name}.json"), "w") as f:
                json.dump(event(instance_id, state), f, indent=2)
    with open(os.path.join(work, "running-batch.json"), "w") as f:
        json.dump(sqs_batch([event(i, "running") for i in ids.values()]), f)
    with open(os.path.join(work, "ids.json"), "w") as f:
        json.dump(ids, f)
    with open(os.path.join(work, "legacy-id"), "w") as f:
        f.write(ids["legacy"])
    # Stop whichever web instance holds the shared name, to show it moving to the other.
    with open(os.path.join(work, "stop-id"), "w") as f:
        f.write(ids["web-2"] if ids["web-2"] > ids["web-1"] else ids["web-1"])
    with open(os.path.join(work, "stopped.json"), "w") as f:
        json.dump(event(open(os.path.join(work, "stop-id")).read(), "stopped"), f)


def stop(instance_id):
    client("ec2").stop_instances(InstanceIds=[instance_id])


def records():
    r53 = client("route53")
    rows = []
    for zone in r53.list_hosted_zones()["HostedZones"]:
        kind = "private" if zone["Config"]["PrivateZone"] else "public"
        for page in r53.get_paginator("list_resource_record_sets").paginate(HostedZoneId=zone["Id"]):
            for rs in page["ResourceRecordSets"]:
                if rs["Type"] in ("SOA", "NS"):
                    continue
                values = ", ".join(r["Value"] for r in rs.get("ResourceRecords", []))
                rows.append((f"{zone['Name']} ({kind})", rs["Name"], rs["Type"], str(rs.get("TTL", "")), values))
    header = ("ZONE", "NAME", "TYPE", "TTL", "VALUE")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(5)]
    line = "  ".join("{:<%d}" % w for w in widths)
    print(line.format(*header))
    print(line.format(*("-" * w for w in widths)))
    for row in sorted(rows):
        print(line.format(*row))


def summary(path):
    with open(path) as f:
        s = json.load(f)
    for i in s["instances"]:
        print(f"   {i['instanceId']}  {i['action']:10} {i['outcome']:6} changes={len(i['changes'])} "
              f"alerts={[a['kind'] for a in i['alerts']]}")
    print(f"   AWS API calls: {s['apiCallsTotal']}  " + ", ".join(f"{k}={v}" for k, v in s["apiCalls"].items()))


def alerts():
    sqs = client("sqs")
    queue = sqs.get_queue_url(QueueName="ddns-alerts")["QueueUrl"]
    while True:
        messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", [])
        if not messages:
            return
        for m in messages:
            print("   " + m["Body"].replace("\n", "\n   "))
            sqs.delete_message(QueueUrl=queue, ReceiptHandle=m["ReceiptHandle"])


def start(instance_id):
    client("ec2").start_instances(InstanceIds=[instance_id])


def terminate(instance_id):
    client("ec2").terminate_instances(InstanceIds=[instance_id])


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"create": create, "stop": stop, "start": start, "terminate": terminate, "records": records,
     "summary": summary, "alerts": alerts}[command](*args)
