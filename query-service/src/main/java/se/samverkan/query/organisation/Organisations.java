package se.samverkan.query.organisation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Looks up organisations by number for the other read models. */
@Component
public class Organisations {

    private final JdbcTemplate jdbc;

    public Organisations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every given number, known or not (unknown ones without name and category). */
    public Map<String, OrganisationRef> byNumbers(Collection<String> orgNumbers) {
        Map<String, OrganisationRef> found = new HashMap<>();
        if (orgNumbers.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT org_number, name, category FROM organisation WHERE org_number = ANY (?)",
                rs -> {
                    found.put(rs.getString("org_number"),
                            new OrganisationRef(rs.getString("org_number"), rs.getString("name"), rs.getString("category")));
                }, (Object) orgNumbers.toArray(String[]::new));
        for (String orgNumber : orgNumbers) {
            found.putIfAbsent(orgNumber, new OrganisationRef(orgNumber, null, null));
        }
        return found;
    }

    public OrganisationRef byNumber(String orgNumber) {
        return byNumbers(List.of(orgNumber)).get(orgNumber);
    }

    /**
     * Registered organisations whose name contains the text or whose number starts with its digits
     * (typed with or without the dash), by name; all of them, up to the limit, for an empty text.
     */
    public List<OrganisationRef> search(String text, int limit) {
        String words = text == null ? "" : text.trim();
        String digits = words.replaceAll("[^0-9]", "");
        String like = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.query("""
                        SELECT org_number, name, category FROM organisation
                        WHERE ? = '' OR name ILIKE ? OR (? <> '' AND replace(org_number, '-', '') LIKE ? || '%')
                        ORDER BY name, org_number LIMIT ?""",
                (rs, i) -> new OrganisationRef(rs.getString("org_number"), rs.getString("name"), rs.getString("category")),
                words, like, digits, digits, limit);
    }

    public List<OrganisationRef> inOrder(List<String> orgNumbers) {
        Map<String, OrganisationRef> known = byNumbers(orgNumbers);
        return orgNumbers.stream().map(known::get).toList();
    }
}
