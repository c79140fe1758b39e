package dev.homeostat.simulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    private static long[] draw(RandomStreams r, String name) {
        var s = r.stream(name);
        return LongStream.range(0, 5).map(i -> s.nextLong()).toArray();
    }

    @Test
    void sameSeedAndName_giveTheSameNumbers() {
        assertThat(draw(new RandomStreams(42), "traffic")).isEqualTo(draw(new RandomStreams(42), "traffic"));
    }

    @Test
    void addingOrUsingAnotherStream_neverShiftsThisOne() {
        var alone = new RandomStreams(7);
        var crowded = new RandomStreams(7);
        draw(crowded, "fault-choice");
        draw(crowded, "startup-jitter");
        assertThat(draw(crowded, "traffic")).isEqualTo(draw(alone, "traffic"));
    }

    @Test
    void differentNamesOrSeeds_giveDifferentStreams() {
        assertThat(draw(new RandomStreams(1), "a")).isNotEqualTo(draw(new RandomStreams(1), "b"));
        assertThat(draw(new RandomStreams(1), "a")).isNotEqualTo(draw(new RandomStreams(2), "a"));
    }
}
