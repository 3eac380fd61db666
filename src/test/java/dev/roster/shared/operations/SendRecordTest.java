package dev.roster.shared.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class SendRecordTest {

    @Test
    void aRecordThatMeetsAnUnreachableDatabaseIsWrittenOnceTheDatabaseIsBack() {
        AtomicInteger tries = new AtomicInteger();
        boolean written = SendRecord.write(
                () -> {
                    if (tries.incrementAndGet() < 3) {
                        throw new CannotGetJdbcConnectionException("the primary is gone");
                    }
                },
                () -> false);

        assertThat(written).isTrue();
        assertThat(tries).hasValue(3);
    }

    @Test
    void aStoppingNodeLeavesTheRecordToTheClaimRunningOut() {
        AtomicInteger tries = new AtomicInteger();
        boolean written = SendRecord.write(
                () -> {
                    tries.incrementAndGet();
                    throw new CannotGetJdbcConnectionException("the primary is gone");
                },
                () -> true);

        assertThat(written).isFalse();
        assertThat(tries).hasValue(1);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> SendRecord.write(
                        () -> {
                            tries.incrementAndGet();
                            throw new IllegalStateException("a bug");
                        },
                        () -> false))
                .isInstanceOf(IllegalStateException.class);
        assertThat(tries).hasValue(1);
    }
}
