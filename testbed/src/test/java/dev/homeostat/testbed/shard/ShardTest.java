package dev.homeostat.testbed.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.testbed.cli.Homeostat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {
    @Property
    void everyPairIndex_isOwnedByExactlyOneShard(@ForAll @IntRange(min = 1, max = 64) int n, @ForAll @IntRange(min = 0, max = 10_000) int pairIndex) {
        long owners = IntStream.range(0, n).filter(i -> new Shard(i, n).owns(pairIndex)).count();

        assertThat(owners).isEqualTo(1);
    }

    @Property
    void parse_readsBackWhatToStringWrites(@ForAll @IntRange(min = 1, max = 1000) int n, @ForAll @IntRange(min = 0, max = 999) int any) {
        var shard = new Shard(any % n, n);

        assertThat(Shard.parse(shard.toString())).isEqualTo(shard);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3/3", "4/3", "0/0", "1", "a/b", "-1/3", "1/-3", "", "1/3/5", "99999999999/3"})
    void badShard_isBadInputNamingTheFlag(String value) {
        assertThatThrownBy(() -> Shard.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--shard: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3/3", "0/0", "one/three"})
    void run_withBadShard_exitsTwo_namingShard_beforeRunningAnything(String value, @TempDir Path out) {
        var stderr = new StringWriter();
        int code = Homeostat.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(stderr, true),
                "run", "../scenarios/ci", "--shard", value, "--out", out.resolve("s").toString());

        assertThat(code).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(stderr.toString()).startsWith("homeostat: --shard: ");
        assertThat(out.resolve("s")).doesNotExist();
    }
}
