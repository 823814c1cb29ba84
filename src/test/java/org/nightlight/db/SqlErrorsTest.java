package org.nightlight.db;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Why the database refused a write, told apart by SQLSTATE wherever it sits in the cause chain. */
class SqlErrorsTest {

    @ParameterizedTest
    @CsvSource({"23505, CONFLICT", "NL001, REFUSED", "23514, REFUSED", "42501, REFUSED", "23503, OTHER",
        "40001, OTHER", "08006, OTHER"})
    void theSqlState_decides(String state, SqlErrors.Kind kind) {
        SQLException sql = new SQLException("refused", state);
        assertThat(SqlErrors.kind(sql)).isEqualTo(kind);
        // as Hibernate and the transaction wrap it, at flush or at commit
        var wrapped = new IllegalStateException("commit failed",
                new ConstraintViolationException("could not execute statement", sql, "insert", null));
        assertThat(SqlErrors.kind(wrapped)).isEqualTo(kind);
    }

    @Test
    void aStaleEntity_isAConflict_andAnythingWithoutSqlIsOther() {
        assertThat(SqlErrors.kind(new StaleObjectStateException("Publication", 1L))).isEqualTo(SqlErrors.Kind.CONFLICT);
        assertThat(SqlErrors.kind(new RuntimeException(new OptimisticLockException()))).isEqualTo(SqlErrors.Kind.CONFLICT);
        assertThat(SqlErrors.kind(new IllegalStateException("bug"))).isEqualTo(SqlErrors.Kind.OTHER);
    }

    @Test
    void theMessage_isTheDatabasesOwn_withItsState() {
        var wrapped = new RuntimeException("wrapper", new SQLException("revision 7 has no medical approval", "NL001"));
        assertThat(SqlErrors.message(wrapped)).isEqualTo("NL001: revision 7 has no medical approval");
    }
}
