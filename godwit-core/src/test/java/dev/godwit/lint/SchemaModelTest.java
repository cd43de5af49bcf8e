package dev.godwit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.analysis.Analyzer;
import dev.godwit.sql.analysis.Relation;
import org.junit.jupiter.api.Test;

class SchemaModelTest {

    private static SchemaModel after(String sql) throws Exception {
        SchemaModel schema = SchemaModel.empty();
        for (SqlStatement s : SqlScript.parse(sql).statements()) {
            schema.apply(Analyzer.analyze(s));
        }
        return schema;
    }

    private static TableModel accounts(SchemaModel schema) {
        return schema.table(Relation.of("accounts")).orElseThrow();
    }

    @Test
    void aValidatedNotNullCheckIsKnownEvenOnATableNeverSeenCreated() throws Exception {
        SchemaModel s = after("""
                alter table accounts add constraint email_nn check (email is not null) not valid;
                alter table accounts add constraint phone_nn check (phone is not null) not valid;
                alter table accounts validate constraint email_nn;
                alter table accounts add check (iban is not null);
                alter table accounts add constraint name_nn check (name is not null);
                alter table accounts drop constraint name_nn;
                """);
        assertThat(accounts(s).notNullProvenByConstraint("email")).isTrue();
        assertThat(accounts(s).notNullProvenByConstraint("phone")).as("NOT VALID, never validated").isFalse();
        assertThat(accounts(s).notNullProvenByConstraint("iban")).as("validated as it was added").isTrue();
        assertThat(accounts(s).notNullProvenByConstraint("name")).as("dropped").isFalse();
        assertThat(accounts(s).createdInRun()).isFalse();
    }

    @Test
    void notNullColumnsFollowRenamesAndDrops() throws Exception {
        SchemaModel s = after("""
                create table accounts (id bigint primary key, email text not null, note text);
                alter table accounts alter column note set not null;
                alter table accounts rename column email to mail;
                alter table accounts alter column note drop not null;
                """);
        assertThat(accounts(s).isNotNull("id")).isTrue();
        assertThat(accounts(s).isNotNull("mail")).isTrue();
        assertThat(accounts(s).isNotNull("email")).isFalse();
        assertThat(accounts(s).isNotNull("note")).isFalse();
    }

    @Test
    void indexesAreTracedToTheirTable() throws Exception {
        SchemaModel s = after("""
                create index accounts_email_idx on accounts (email);
                alter index accounts_email_idx rename to accounts_mail_idx;
                create unique index concurrently accounts_iban_idx on accounts (iban);
                alter table accounts add constraint accounts_iban_key unique using index accounts_iban_idx;
                create index gone_idx on gone (x);
                drop table gone;
                """);
        assertThat(s.tableOfIndex(Relation.of("accounts_mail_idx"))).contains(Relation.of("accounts"));
        assertThat(s.tableOfIndex(Relation.of("accounts_email_idx"))).isEmpty();
        assertThat(s.tableOfIndex(Relation.of("accounts_iban_key"))).contains(Relation.of("accounts"));
        assertThat(s.tableOfIndex(Relation.of("accounts_iban_idx"))).isEmpty();
        assertThat(s.tableOfIndex(Relation.of("gone_idx"))).isEmpty();
    }
}
