package org.cipnet.vocab;

/**
 * The cipnet ontology's namespace and the terms the Java code refers to. A test checks that every
 * constant here is declared in {@code ontology/cipnet.ttl}.
 */
public final class CIP {
    private CIP() {}

    public static final String NS = "https://w3id.org/cipnet/ontology#";
    public static final String ONTOLOGY = "https://w3id.org/cipnet/ontology";
    public static final String BASE = "https://w3id.org/cipnet/";
    public static final String VOCAB = BASE + "vocab/";
    public static final String SHAPES_NS = "https://w3id.org/cipnet/shapes#";

    public static final String ClusterOrganisation = NS + "ClusterOrganisation";
    public static final String ClusterProgramme = NS + "ClusterProgramme";
    public static final String ProgrammeParticipation = NS + "ProgrammeParticipation";
    public static final String LabelAward = NS + "LabelAward";
    public static final String Observation = NS + "Observation";
    public static final String SourceDocument = NS + "SourceDocument";
    public static final String Agency = NS + "Agency";

    public static final String GraphVersion = NS + "GraphVersion";
    public static final String versionNumber = NS + "versionNumber";
    public static final String triplesAdded = NS + "triplesAdded";
    public static final String triplesRemoved = NS + "triplesRemoved";

    public static final String FederationMember = NS + "FederationMember";
    public static final String memberId = NS + "memberId";
    public static final String voidDescription = NS + "voidDescription";
    public static final String requestTimeoutSeconds = NS + "requestTimeoutSeconds";
    public static final String maxConcurrentRequests = NS + "maxConcurrentRequests";
    public static final String blankNodeLabelsStable = NS + "blankNodeLabelsStable";
    /** The Service Description feature a node declares when its blank-node labels are stable and accepted back as {@code <_:label>}. */
    public static final String StableBlankNodeLabels = NS + "StableBlankNodeLabels";

    public static final String country = NS + "country";
    public static final String registry = NS + "registry";

    /** The country codes of the national members, in the order the network lists them. */
    public static final java.util.List<String> COUNTRIES =
            java.util.List.of("is", "no", "se", "fi", "dk", "ru", "ee", "lv", "lt", "pl", "cz");

    /** Where generated benchmark members live; real data never does. */
    public static final String SYNTHETIC = BASE + "synthetic/";

    /**
     * Whether {@code id} names a member: a national code, {@code net}, or a generated member
     * {@code m0}, {@code m1}, … (benchmarks only).
     */
    public static boolean isMemberId(String id) {
        return COUNTRIES.contains(id) || id.equals("net") || SYNTHETIC_MEMBER.matcher(id).matches();
    }

    /** A synthetic member's id; compiled once, as this is asked for every IRI a VoID pass or a page meets. */
    private static final java.util.regex.Pattern SYNTHETIC_MEMBER = java.util.regex.Pattern.compile("m\\d+");

    /** The URI space a member (a country code, {@code net}, or a generated {@code mN}) owns. */
    public static String uriSpace(String id) {
        return SYNTHETIC_MEMBER.matcher(id).matches() ? SYNTHETIC + id + "/" : BASE + id + "/";
    }

    /** The member whose URI space holds {@code iri}, or null. */
    public static String memberOf(String iri) {
        if (!iri.startsWith(BASE)) return null;
        String rest = iri.substring(iri.startsWith(SYNTHETIC) ? SYNTHETIC.length() : BASE.length());
        int slash = rest.indexOf('/');
        if (slash < 0) return null;
        String id = rest.substring(0, slash);
        boolean known = iri.startsWith(SYNTHETIC) ? SYNTHETIC_MEMBER.matcher(id).matches() : COUNTRIES.contains(id) || id.equals("net");
        return known ? id : null;
    }
}
