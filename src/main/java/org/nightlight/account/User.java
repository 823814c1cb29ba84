package org.nightlight.account;

import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A person who works in the CMS; readers see a reviewer's display name and credentials. */
@Entity
// only changed columns are written: the server's role may update no other column (V8 grants)
@DynamicUpdate
@Table(name = "users")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private String credentials;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(nullable = false)
    private boolean active = true;

    @Column(nullable = false)
    private boolean demo;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;

    @Column(name = "sessions_ended_at")
    private Instant sessionsEndedAt;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false)
    private Set<Role> roles = new HashSet<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "user_qualifications", joinColumns = @JoinColumn(name = "user_id"))
    private Set<Qualification> qualifications = new HashSet<>();

    /** Credentials in a language readers read, where they differ from the default ones (V16). */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "user_credentials", joinColumns = @JoinColumn(name = "user_id"))
    @MapKeyColumn(name = "language_code")
    @Column(name = "credentials", nullable = false)
    private Map<String, String> translatedCredentials = new HashMap<>();

    protected User() {
    }

    public User(String username, String displayName, String credentials, boolean demo) {
        this.username = username;
        this.displayName = displayName;
        this.credentials = credentials == null ? "" : credentials;
        this.demo = demo;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String credentials() {
        return credentials;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean active() {
        return active;
    }

    public boolean demo() {
        return demo;
    }

    public Instant passwordChangedAt() {
        return passwordChangedAt;
    }

    public Instant sessionsEndedAt() {
        return sessionsEndedAt;
    }

    /** Every session signed in before now ends (the password stays as it is). */
    public void endSessions(Instant now) {
        this.sessionsEndedAt = now;
    }

    public Set<Role> roles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public Set<Qualification> qualifications() {
        return Set.copyOf(qualifications);
    }

    public boolean has(Role role) {
        return active && roles.contains(role);
    }

    public boolean can(Capability capability, String languageCode) {
        return active && qualifications.contains(new Qualification(languageCode, capability));
    }

    public void rename(String newDisplayName, String newCredentials) {
        this.displayName = newDisplayName;
        this.credentials = newCredentials == null ? "" : newCredentials;
    }

    /** Language code to credentials, for the languages that have their own. */
    public Map<String, String> translatedCredentials() {
        return Collections.unmodifiableMap(translatedCredentials);
    }

    /** Sets or (blank) removes the credentials in one language, so readers of it see the default ones. */
    public void setCredentials(String languageCode, String text) {
        if (text == null || text.isBlank()) {
            translatedCredentials.remove(languageCode);
        } else {
            translatedCredentials.put(languageCode, text.strip());
        }
    }

    public void setPasswordHash(String hash, Instant at) {
        this.passwordHash = hash;
        this.passwordChangedAt = at;
    }

    // retain and add rather than clear and add: a kept role keeps its row, and with it its grant time (V8)
    public void setRoles(Set<Role> newRoles) {
        roles.retainAll(newRoles);
        roles.addAll(newRoles);
    }

    public void setQualifications(Set<Qualification> newQualifications) {
        qualifications.retainAll(newQualifications);
        qualifications.addAll(newQualifications);
    }

    public void deactivate() {
        this.active = false;
    }

    public void reactivate() {
        this.active = true;
    }

    /** "Dr Amina Haddad, MD, paediatric neurologist" as readers see it. */
    public String signature() {
        return credentials.isBlank() ? displayName : displayName + ", " + credentials;
    }
}
