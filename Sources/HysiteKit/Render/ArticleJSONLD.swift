/// An article's schema.org JSON-LD, held as the values it is made of and written straight into the page
/// (`{{{json_ld}}}` writes it where the page is being written; an array of it was made, copied in and freed on every
/// page). The page's model is hashed by its bytes, as when it was an array.
struct ArticleJSONLD {
    var headline: String
    var publisher: String
    var datePublished: Day?
    var authors: [Reporter]
    /// The article's URL under `base_url`, if set.
    var url: String?
    /// The printed page's number, the reference, and the day of the issue.
    var printPage: Int?
    var citation: String
    var issueDate: Day?
    var description: String

    /// The JSON-LD's bytes.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + description.utf8.count + headline.utf8.count)
        write(into: &out)
        return out
    }

    /// Appends the JSON-LD to `out`.
    func write(into out: inout some ByteSink) {
        out.append("{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":")
        out.appendJSONString(headline)
        out.append(",\"publisher\":{\"@type\":\"Organization\",\"name\":")
        out.appendJSONString(publisher)
        out.append("}")
        if let d = datePublished {
            out.append(",\"datePublished\":")
            out.appendJSONString(d.iso)
        }
        if !authors.isEmpty {
            out.append(",\"author\":[")
            for (k, r) in authors.enumerated() {
                if k > 0 { out.append(",") }
                out.append("{\"@type\":\"Person\",\"name\":")
                out.appendJSONString(r.name)
                out.append("}")
            }
            out.append("]")
        }
        if let url {
            out.append(",\"url\":")
            out.appendJSONString(url)
        }
        writePrintFields(into: &out)
        out.append(",\"description\":")
        out.appendJSONString(description)
        out.append("}")
    }

    /// The members that place the article in the printed paper (each with its leading comma): `pageStart` and
    /// `printPage` when the page has a number, `citation`, and `isPartOf` (the day's issue of the periodical).
    func writePrintFields(into out: inout some ByteSink) {
        if let n = printPage {
            out.append(",\"pageStart\":")
            out.appendJSONString(String(n))
            out.append(",\"printPage\":")
            out.appendJSONString(String(n))
        }
        out.append(",\"citation\":")
        out.appendJSONString(citation)
        out.append(",\"isPartOf\":{\"@type\":\"PublicationIssue\"")
        if let d = issueDate {
            out.append(",\"datePublished\":")
            out.appendJSONString(d.iso)
        }
        out.append(",\"isPartOf\":{\"@type\":\"Periodical\",\"name\":")
        out.appendJSONString(publisher)
        out.append("}}")
    }
}
