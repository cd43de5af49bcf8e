package dev.godwit.integrity;

import java.util.Objects;

/**
 * One thing the financial schema audit finds wrong.
 *
 * @param check   the check's id ({@code float-money}, {@code foreign-key-without-index}, ...)
 * @param object  what it is about: {@code accounts.balance}, {@code ledger_entries_account_id_fkey on ledger_entries}
 * @param message what is wrong and what to do, in a sentence
 */
public record Finding(String check, String object, String message) {

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(message, "message");
    }

    /** {@code accounts.balance: double precision: …}. */
    public String describe() {
        return object + ": " + message;
    }
}
