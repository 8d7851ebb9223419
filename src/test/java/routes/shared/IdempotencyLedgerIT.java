package routes.shared;

import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ledger's conditional writes against the local DynamoDB (dynalite), on the catalogue's ledger table. */
@ExtendWith(LocalAwsExtension.class)
class IdempotencyLedgerIT {
    private static final Duration LEASE = Duration.ofMinutes(5);

    private LocalAws aws;
    private IdempotencyLedger ledger;
    private String key;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        ledger = ledgerAt(Clock.systemUTC());
        key = "upload-" + UUID.randomUUID();
    }

    @Test
    void eightConcurrentClaimersOnOneKeyYieldExactlyOneAcquired() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<IdempotencyLedger.Claim>> claims = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                IdempotencyLedger own = ledgerAt(Clock.systemUTC()); // each claimer like a separate replica
                Callable<IdempotencyLedger.Claim> claimer = () -> {
                    go.await();
                    return own.claim("uploads", key, LEASE);
                };
                claims.add(pool.submit(claimer));
            }
            go.countDown();
            List<IdempotencyLedger.Outcome> outcomes = new ArrayList<>();
            for (Future<IdempotencyLedger.Claim> claim : claims) {
                outcomes.add(claim.get().outcome());
            }
            assertThat(outcomes).containsOnlyOnce(IdempotencyLedger.Outcome.ACQUIRED)
                    .filteredOn(o -> o != IdempotencyLedger.Outcome.ACQUIRED)
                    .hasSize(7).containsOnly(IdempotencyLedger.Outcome.HELD_BY_OTHER);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code task(i)} on 8 threads released at once; returns each one's result, or its exception. */
    private static List<Object> onEightThreadsAtOnce(java.util.function.IntFunction<Object> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return task.apply(index);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSideEffectGuardedOnEightConcurrentReplicasHappensOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger performed = new java.util.concurrent.atomic.AtomicInteger();
        List<Object> results = onEightThreadsAtOnce(i -> new SideEffectGuard(ledgerAt(Clock.systemUTC()), LEASE)
                .once("uploads", key, () -> {
                    performed.incrementAndGet();
                    return "issue #7";
                }));
        assertThat(performed).hasValue(1);
        assertThat(results).allMatch(r -> "issue #7".equals(r) || r instanceof TransientFailure).contains("issue #7");
        assertThat(new SideEffectGuard(ledgerAt(Clock.systemUTC()), LEASE).once("uploads", key, () -> {
            performed.incrementAndGet();
            return "again";
        })).as("a replay gets the stored result").isEqualTo("issue #7");
        assertThat(performed).hasValue(1);
    }

    @Test
    void aCompletedClaimIsAlreadyDoneWithItsResult() {
        IdempotencyLedger.Claim claim = ledger.claim("uploads", key, LEASE);
        assertThat(claim.acquired()).isTrue();
        ledger.complete(claim, "https://github.com/org/repo/issues/7");

        IdempotencyLedger.Claim again = ledger.claim("uploads", key, LEASE);
        assertThat(again.outcome()).isEqualTo(IdempotencyLedger.Outcome.ALREADY_DONE);
        assertThat(again.result()).isEqualTo("https://github.com/org/repo/issues/7");
        assertThat(ledger.isDone("uploads", key)).isTrue();
        assertThat(ledger.resultOf("uploads", key)).contains("https://github.com/org/repo/issues/7");
    }

    @Test
    void aReleasedClaimCanBeClaimedAgain() {
        IdempotencyLedger.Claim claim = ledger.claim("uploads", key, LEASE);
        assertThat(ledger.claim("uploads", key, LEASE).outcome()).isEqualTo(IdempotencyLedger.Outcome.HELD_BY_OTHER);
        ledger.release(claim);
        assertThat(ledger.claim("uploads", key, LEASE).outcome()).isEqualTo(IdempotencyLedger.Outcome.ACQUIRED);
    }

    @Test
    void aClaimWhoseLeaseExpiredCanBeTakenOver() {
        assertThat(ledger.claim("uploads", key, LEASE).acquired()).isTrue();
        IdempotencyLedger later = ledgerAt(Clock.offset(Clock.systemUTC(), LEASE.plusMinutes(1)));
        assertThat(later.claim("uploads", key, LEASE).outcome()).isEqualTo(IdempotencyLedger.Outcome.ACQUIRED);
        assertThat(ledger.isDone("uploads", key)).isFalse();
    }

    // issue 14 #1: a short lease stays with its live worker (heartbeat) however long the work takes...
    @Test
    void aLiveWorkerKeepsItsShortLeaseWhileItWorks() {
        Duration lease = Duration.ofSeconds(1);
        IdempotencyLedger.Claim claim = ledger.claim("uploads", key, lease);
        IdempotencyLedger other = ledgerAt(Clock.systemUTC());
        await().during(Duration.ofMillis(3500)).atMost(Duration.ofSeconds(5))
                .until(() -> other.claim("uploads", key, lease).outcome() == IdempotencyLedger.Outcome.HELD_BY_OTHER);
        assertThat(other.peek("uploads", key)).isEqualTo(IdempotencyLedger.Outcome.HELD_BY_OTHER);
        ledger.complete(claim, "done");
        assertThat(ledger.heldClaims()).isZero();
        assertThat(other.claim("uploads", key, lease).outcome()).isEqualTo(IdempotencyLedger.Outcome.ALREADY_DONE);
    }

    // ... and a crashed worker's claim (no more heartbeats) is free again within one lease, without an operator
    @Test
    void aCrashedWorkersClaimIsFreeWithinOneLease() {
        Duration lease = Duration.ofSeconds(1);
        software.amazon.awssdk.services.dynamodb.DynamoDbClient ownClient = new AwsClients(LocalAws.REGION, LocalAws.ACCESS_KEY,
                LocalAws.SECRET_KEY, service -> aws.endpoints().get(service)).dynamoDb();
        IdempotencyLedger crashing = new IdempotencyLedger(ownClient, aws.properties().apply("ledger.table"), Duration.ofDays(30), Clock.systemUTC());
        assertThat(crashing.claim("uploads", key, lease).acquired()).isTrue();
        long crashed = System.nanoTime();
        ownClient.close(); // its heartbeats can no longer reach DynamoDB, as after a SIGKILL
        await().atMost(Duration.ofSeconds(3)).until(() -> ledger.claim("uploads", key, lease).acquired());
        assertThat(Duration.ofNanos(System.nanoTime() - crashed)).isLessThan(lease.plusMillis(1500));
    }

    // the fault suite's "DynamoDB killed for 60 s": an effect made just before the outage must still be recorded once
    // DynamoDB answers again. Before, complete() stopped the heartbeat and gave up at the first failed UpdateItem: the
    // claim ran out and the next worker made the effect a second time.
    @Test
    void anEffectMadeJustBeforeAnOutageIsRecordedWhenDynamoDbComesBack() throws Exception {
        Duration lease = Duration.ofSeconds(1);
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        software.amazon.awssdk.services.dynamodb.DynamoDbClient outage = failingWhile(down, aws.dynamoDb());
        IdempotencyLedger worker = new IdempotencyLedger(outage, aws.properties().apply("ledger.table"), Duration.ofDays(30), Clock.systemUTC());
        IdempotencyLedger other = new IdempotencyLedger(outage, aws.properties().apply("ledger.table"), Duration.ofDays(30), Clock.systemUTC());
        IdempotencyLedger.Claim claim = worker.claim("uploads", key, lease);
        // the effect is made (the webhook answered), then DynamoDB goes away for three leases
        down.set(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> completing = pool.submit(() -> worker.complete(claim, "posted"));
        Thread.sleep(3000);
        down.set(false);
        completing.get(10, java.util.concurrent.TimeUnit.SECONDS);
        pool.shutdown();
        // the other worker's message backed off on its queue meanwhile; when it comes back the effect is done
        assertThat(other.claim("uploads", key, lease).outcome()).isEqualTo(IdempotencyLedger.Outcome.ALREADY_DONE);
        assertThat(worker.heldClaims()).isZero();
    }

    /** A client whose every call fails as a dead DynamoDB does (connection refused) while {@code down} is set. */
    private static software.amazon.awssdk.services.dynamodb.DynamoDbClient failingWhile(
            java.util.concurrent.atomic.AtomicBoolean down, software.amazon.awssdk.services.dynamodb.DynamoDbClient real) {
        return (software.amazon.awssdk.services.dynamodb.DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                IdempotencyLedgerIT.class.getClassLoader(), new Class<?>[] {software.amazon.awssdk.services.dynamodb.DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (down.get() && method.getDeclaringClass() != Object.class) {
                        throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to execute HTTP request: Connection refused");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private IdempotencyLedger ledgerAt(Clock clock) {
        return new IdempotencyLedger(aws.dynamoDb(), aws.properties().apply("ledger.table"), Duration.ofDays(30), clock);
    }
}
