package se.samverkan.events.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The progress report's questions, in the order the funder's form asks them. */
public final class QuestionCatalogue {

    public record Question(String key, boolean mandatory, String english, String swedish) {
    }

    private static final Map<String, Question> QUESTIONS = new LinkedHashMap<>();

    static {
        add("signatory-changed", true, "Has the authorised signatory changed?", "Har firmatecknaren ändrats?");
        add("vat-as-cost", true, "Is VAT reported as a cost?", "Redovisas moms som kostnad?");
        add("revenue", true, "Has the project had revenue?", "Har projektet haft intäkter?");
        add("purchase-agreements", true, "Have purchases been made under framework agreements?", "Har inköp gjorts enligt upphandlade avtal?");
        add("depreciation", true, "Are depreciations reported?", "Redovisas avskrivningar?");
        add("in-kind-contributions", true, "Are contributions in kind reported?", "Redovisas bidrag i annat än pengar?");
        add("inclusive-culture", true, "Does the project work for an inclusive culture?", "Arbetar projektet för en inkluderande kultur?");
        add("target-group-involvement", true, "Is the target group involved?", "Är målgruppen involverad?");
        add("communication", true, "Has the project communicated its work?", "Har projektet kommunicerat sitt arbete?");
        add("external-collaboration", true, "Has the project collaborated externally?", "Har projektet samverkat externt?");
        add("organisation-changes", true, "Have there been changes in the project organisation?", "Har det skett förändringar i projektorganisationen?");
        add("overall-progress", false, "Is the project progressing as planned overall?", "Går projektet som helhet enligt plan?");
        add("goal-conflicts", false, "Have goal conflicts arisen?", "Har målkonflikter uppstått?");
        add("indicator-data-collection", false, "Is indicator data being collected?", "Samlas data in för indikatorerna?");
        add("indicator-targets-achievable", false, "Are the indicator targets achievable?", "Är indikatorernas målvärden möjliga att nå?");
        add("results-anchoring", false, "Are the results being anchored?", "Förankras resultaten?");
        add("evaluation", false, "Is the project being evaluated?", "Utvärderas projektet?");
    }

    private QuestionCatalogue() {
    }

    private static void add(String key, boolean mandatory, String english, String swedish) {
        QUESTIONS.put(key, new Question(key, mandatory, english, swedish));
    }

    public static Optional<Question> find(String key) {
        return Optional.ofNullable(QUESTIONS.get(key));
    }

    public static List<Question> all() {
        return List.copyOf(QUESTIONS.values());
    }

    public static List<String> mandatoryKeys() {
        return QUESTIONS.values().stream().filter(Question::mandatory).map(Question::key).toList();
    }
}
