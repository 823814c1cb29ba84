package org.nightlight.content;

import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A language content is written in; exactly one is the source language translations start from. */
@Entity
// only changed columns are written: the server's role may update no other column (V8 grants)
@DynamicUpdate
@Table(name = "languages")
public class Language {

    @Id
    private String code;

    @Column(name = "native_name", nullable = false)
    private String nativeName;

    @Column(name = "english_name", nullable = false)
    private String englishName;

    @Column(nullable = false)
    private String direction;

    @Column(name = "search_config", nullable = false)
    private String searchConfig;

    @Column(name = "is_public", nullable = false)
    private boolean isPublic;

    @Column(name = "is_source", nullable = false)
    private boolean isSource;

    @Column(nullable = false)
    private int position;

    protected Language() {
    }

    public Language(String code, String nativeName, String englishName, String direction, String searchConfig,
            boolean isPublic, int position) {
        this.code = code;
        this.nativeName = nativeName;
        this.englishName = englishName;
        this.direction = direction;
        this.searchConfig = searchConfig;
        this.isPublic = isPublic;
        this.position = position;
    }

    public String code() {
        return code;
    }

    public String nativeName() {
        return nativeName;
    }

    public String englishName() {
        return englishName;
    }

    public String direction() {
        return direction;
    }

    public boolean rightToLeft() {
        return "rtl".equals(direction);
    }

    public String searchConfig() {
        return searchConfig;
    }

    public boolean isPublic() {
        return isPublic;
    }

    public boolean isSource() {
        return isSource;
    }

    public int position() {
        return position;
    }

    public void makePublic(boolean value) {
        this.isPublic = value;
    }

    public void rename(String newNativeName, String newEnglishName) {
        this.nativeName = newNativeName;
        this.englishName = newEnglishName;
    }

    public void configure(String newDirection, String newSearchConfig) {
        this.direction = newDirection;
        this.searchConfig = newSearchConfig;
    }
}
