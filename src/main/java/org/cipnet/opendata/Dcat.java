package org.cipnet.opendata;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The DCAT-AP terms the descriptions use (Jena's vocabulary classes lack SPDX, DCAT-AP and some DCAT 3 terms). */
public final class Dcat {
    private Dcat() {}

    public static final String DCAT = "http://www.w3.org/ns/dcat#";
    public static final String DCT = "http://purl.org/dc/terms/";
    public static final String FOAF = "http://xmlns.com/foaf/0.1/";
    public static final String VCARD = "http://www.w3.org/2006/vcard/ns#";
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    public static final String SPDX = "http://spdx.org/rdf/terms#";
    public static final String DCATAP = "http://data.europa.eu/r5r/";
    public static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    public static final String FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
    public static final String IANA = "http://www.iana.org/assignments/media-types/";

    public static final Node Catalog = dcat("Catalog"), Dataset = dcat("Dataset"), Distribution = dcat("Distribution"),
            DataService = dcat("DataService");
    public static final Node dataset = dcat("dataset"), service = dcat("service"), distribution = dcat("distribution"),
            accessURL = dcat("accessURL"), downloadURL = dcat("downloadURL"), accessService = dcat("accessService"),
            endpointURL = dcat("endpointURL"), endpointDescription = dcat("endpointDescription"),
            servesDataset = dcat("servesDataset"), byteSize = dcat("byteSize"), mediaType = dcat("mediaType"),
            compressFormat = dcat("compressFormat"), contactPoint = dcat("contactPoint"), theme = dcat("theme"),
            keyword = dcat("keyword"), landingPage = dcat("landingPage");
    public static final Node title = dct("title"), description = dct("description"), publisher = dct("publisher"),
            license = dct("license"), modified = dct("modified"), issued = dct("issued"), spatial = dct("spatial"),
            temporal = dct("temporal"), format = dct("format"), conformsTo = dct("conformsTo"), language = dct("language"),
            accrualPeriodicity = dct("accrualPeriodicity"), identifier = dct("identifier");
    public static final Node LicenseDocument = dct("LicenseDocument"), Location = dct("Location"),
            PeriodOfTime = dct("PeriodOfTime"), MediaType = dct("MediaType"), MediaTypeOrExtent = dct("MediaTypeOrExtent"),
            Standard = dct("Standard"), LinguisticSystem = dct("LinguisticSystem"), Frequency = dct("Frequency");
    public static final Node Agent = uri(FOAF + "Agent"), name = uri(FOAF + "name"), homepage = uri(FOAF + "homepage");
    public static final Node Kind = uri(VCARD + "Kind");
    public static final Node Concept = uri(SKOS + "Concept"), prefLabel = uri(SKOS + "prefLabel");
    public static final Node Checksum = uri(SPDX + "Checksum"), checksum = uri(SPDX + "checksum"),
            algorithm = uri(SPDX + "algorithm"), checksumValue = uri(SPDX + "checksumValue"),
            SHA256 = uri(SPDX + "checksumAlgorithm_sha256");
    public static final Node availability = uri(DCATAP + "availability");
    /** The EU's planned-availability code for data that will remain available in the long term. */
    public static final Node STABLE = uri("http://publications.europa.eu/resource/authority/planned-availability/STABLE");
    public static final Node SPARQL_PROTOCOL = uri("https://www.w3.org/TR/sparql11-protocol/");

    static Node dcat(String local) { return uri(DCAT + local); }

    static Node dct(String local) { return uri(DCT + local); }

    static Node uri(String s) { return NodeFactory.createURI(s); }
}
