#!/usr/bin/env python3
"""Outside driver for the snapshot pipeline: drives an already running app (mvn -Plocal) through its SQS and
DynamoDB endpoints, as snapshot-sender and NiFi would, and reports what bench/snapshot.sh reports, plus when 50/90/99/
100 % of the messages were done (so a slow tail shows).
  bench/snapshot-outside.py --sqs http://127.0.0.1:9324 --dynamodb http://127.0.0.1:8000 [--collections 20]
                            [--files 500] [--threads 4]
"""
import argparse, concurrent.futures as cf, json, random, time, uuid

import boto3

p = argparse.ArgumentParser()
p.add_argument('--sqs', default='http://127.0.0.1:9324')
p.add_argument('--dynamodb', default='http://127.0.0.1:8000')
p.add_argument('--collections', type=int, default=20)
p.add_argument('--files', type=int, default=500)
p.add_argument('--threads', type=int, default=4)
p.add_argument('--raw-updates', type=int, default=5000)
a = p.parse_args()
kw = dict(region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
ddb = boto3.client('dynamodb', endpoint_url=a.dynamodb, **kw)
sqs = boto3.client('sqs', endpoint_url=a.sqs, **kw)
status, product = 'snapshot-export-status', 'snapshot-product-status'
queue = sqs.get_queue_url(QueueName='snapshot-status')['QueueUrl']
export_state = sqs.get_queue_url(QueueName='snapshot-export-state.fifo')['QueueUrl']


def raw_rate():
    run = 'raw-' + str(uuid.uuid4())
    for t in range(a.threads):
        ddb.put_item(TableName=status, Item={'CorrelationId': {'S': run}, 'CollectionName': {'S': 'raw%d' % t}})
    left = list(range(a.raw_updates))

    def work(t):
        client = boto3.client('dynamodb', endpoint_url=a.dynamodb, **kw)
        while True:
            try:
                left.pop()
            except IndexError:
                return
            client.update_item(TableName=status, Key={'CorrelationId': {'S': run}, 'CollectionName': {'S': 'raw%d' % t}},
                               UpdateExpression='ADD FilesReceived :one', ConditionExpression='attribute_exists(CorrelationId)',
                               ExpressionAttributeValues={':one': {'N': '1'}})
    start = time.time()
    with cf.ThreadPoolExecutor(a.threads) as pool:
        list(pool.map(work, range(a.threads)))
    return a.raw_updates / (time.time() - start)


def depth():
    at = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=['ApproximateNumberOfMessages',
                                                                  'ApproximateNumberOfMessagesNotVisible'])['Attributes']
    return int(at['ApproximateNumberOfMessages']) + int(at['ApproximateNumberOfMessagesNotVisible'])


rate_raw = raw_rate()
run = 'bench-' + str(uuid.uuid4())
for c in range(a.collections):
    ddb.put_item(TableName=status, Item={'CorrelationId': {'S': run}, 'CollectionName': {'S': 'db.bench.collection%d' % c},
                                         'CollectionStatus': {'S': 'Sent'}, 'FilesExported': {'N': str(a.files)},
                                         'FilesSent': {'N': str(a.files)}})
messages = [json.dumps({'correlation_id': run, 'collection_name': 'db.bench.collection%d' % c, 'snapshot_type': 'full',
                        'export_date': '2026-11-22', 'file_name': 'part-%d.gz.enc' % f})
            for c in range(a.collections) for f in range(a.files)]
random.Random(1).shuffle(messages)
total = len(messages)


def send(batch):
    client = boto3.client('sqs', endpoint_url=a.sqs, **kw)
    client.send_message_batch(QueueUrl=queue, Entries=[{'Id': 'm%d' % i, 'MessageBody': m} for i, m in enumerate(batch)])


start = time.time()
with cf.ThreadPoolExecutor(4) as pool:
    list(pool.map(send, [messages[i:i + 10] for i in range(0, total, 10)]))
sent = time.time()
marks = {}
while True:
    left = depth()
    done = total - left
    for pct in (50, 90, 99):
        if pct not in marks and done >= total * pct / 100:
            marks[pct] = time.time() - start
    item = ddb.get_item(TableName=product, ConsistentRead=True,
                        Key={'Correlation_Id': {'S': run}, 'DataProduct': {'S': 'SNAPSHOT_SENDER'}}).get('Item', {})
    if item.get('Status', {}).get('S') == 'RECEIVED' and left == 0:
        break
    time.sleep(0.2)
seconds = time.time() - start
print('snapshot, outside driver (%d collections x %d files = %d messages, app consumers as configured)'
      % (a.collections, a.files, total))
print('  sending to the status queue : %.2f s' % (sent - start))
print('  50/90/99 %% done after      : %s s' % ' / '.join('%.1f' % marks.get(p, float('nan')) for p in (50, 90, 99)))
print('  route, end to end           : %.2f s = %.0f messages/s' % (seconds, total / seconds))
# the floor depends on its client: boto3 drives dynalite about 3x slower than the Java SDK on a quiet machine, so this
# ratio is not comparable with bench/snapshot.sh's; messages/s is (bench/README.md)
print('  raw DynamoDB UpdateItem     : %.0f updates/s (same emulator, boto3 client, %d threads, %d updates)' % (rate_raw, a.threads, a.raw_updates))
print('  ratio route / raw UpdateItem: %.2f' % (total / seconds / rate_raw))
# leave the export-state queue as it was: drain what this run produced
while True:
    got = sqs.receive_message(QueueUrl=export_state, MaxNumberOfMessages=10, WaitTimeSeconds=1).get('Messages', [])
    if not got:
        break
    for m in got:
        sqs.delete_message(QueueUrl=export_state, ReceiptHandle=m['ReceiptHandle'])
