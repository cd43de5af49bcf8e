package dev.godwit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

    @Test
    void eachTestGetsItsOwnEmptyDatabase(TestDatabase a, TestDatabase b) {
        assertThat(a.name()).isNotEqualTo(b.name());
        a.execute("create table t(id int)");
        assertThat(a.tableExists("public.t")).isTrue();
        assertThat(b.tableExists("public.t")).isFalse();
        assertThat((String) a.queryValue("show server_version")).startsWith("15.");
    }
}
