package dev.godwit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The arithmetic of --shard I/N: every target in exactly one shard, whatever the order of the file. */
class ShardTest {

    static List<Target> fleet(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Target("tenant-" + i, "postgres://h/db" + i, null, List.of(),
                Optional.empty())).toList();
    }

    @Test
    void everyTargetIsInExactlyOneShard() throws Exception {
        for (int n : new int[] {1, 2, 3, 7, 10, 64}) {
            List<Target> all = fleet(1000);
            Map<String, Integer> owner = new HashMap<>();
            for (int i = 0; i < n; i++) {
                for (Target t : Shard.parse(i + "/" + n).select(all)) {
                    assertThat(owner.put(t.name(), i)).as(t.name() + " in two shards of " + n).isNull();
                }
            }
            assertThat(owner).hasSize(all.size());
        }
    }

    @Test
    void aTargetsShardDoesNotDependOnTheOrderOrOnTheOtherTargets() throws Exception {
        List<Target> all = fleet(500);
        List<Target> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(42));
        List<Target> fewer = all.subList(100, 300);
        for (int i = 0; i < 10; i++) {
            Shard s = new Shard(i, 10);
            assertThat(s.select(shuffled)).containsExactlyInAnyOrderElementsOf(s.select(all));
            assertThat(s.select(fewer)).allMatch(t -> s.select(all).contains(t));
        }
    }

    @Test
    void shardsAreRoughlyEven() {
        List<Target> all = fleet(10_000);
        for (int i = 0; i < 100; i++) {
            // 100 expected per shard; a hash spreads them within a few standard deviations (10).
            assertThat(new Shard(i, 100).select(all).size()).isBetween(60, 140);
        }
    }

    @Test
    void badShardsAreRefusedWithTheExpectedForm() {
        for (String bad : new String[] {"3/3", "-1/2", "1", "a/b", "1/0", "", "2/ "}) {
            assertThatThrownBy(() -> Shard.parse(bad)).isInstanceOf(FleetException.class)
                    .hasMessageContaining("--shard must be I/N with 0 <= I < N");
        }
    }

    @Test
    void theHashIsPinned() {
        // Computed independently (Python: int.from_bytes(sha256(name)[:8], signed) mod N). A release that changed
        // the hash would move targets between the pods of a Job that is running.
        assertThat(Shard.hash("eu-1")).isEqualTo(-6278604219109428045L);
        assertThat(new Shard(3, 4).contains("eu-1")).isTrue();
        assertThat(new Shard(5, 10).contains("eu-1")).isTrue();
        assertThat(new Shard(0, 4).contains("acme")).isTrue();
        assertThat(new Shard(6, 10).contains("acme")).isTrue();
    }
}
