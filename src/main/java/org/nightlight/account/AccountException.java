package org.nightlight.account;

/**
 * A refused account change. {@link #field()} names the form field the problem belongs to and {@link #code()}
 * is the message key the admin shows next to it; {@link #getMessage()} is English for logs and tests.
 */
public final class AccountException extends RuntimeException {

    private final String field;
    private final String code;

    AccountException(String field, String code, String message) {
        super(message);
        this.field = field;
        this.code = code;
    }

    public String field() {
        return field;
    }

    public String code() {
        return code;
    }

    /** No account with this id. */
    public boolean notFound() {
        return "admin.users.notFound".equals(code);
    }

    static AccountException notFound(long id) {
        return new AccountException("id", "admin.users.notFound", "no account with id " + id);
    }
}
