import { describe, expect, it } from "vitest";
import { attributeValue, childElements, readXml, XML_NAMESPACE, type XmlElement } from "./xml";

// The XML reader of uploaded documents: what it accepts, with namespaces and references
// resolved, and every kind of document that is not well-formed XML, which it refuses.

function root(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(`${read.error} at ${read.at}`);
  return read.root;
}

describe("readXml on well-formed documents", () => {
  it("reads elements, attributes, text and CDATA, with the declaration, comments and processing instructions around", () => {
    const doc = root(
      `\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- before --><?pi data?>\n<a x='1' y = "two">t<b/>u<![CDATA[<not markup> & ]]>v<!-- c --><?p q?></a>\n<!-- after -->\n`,
    );
    expect(doc.name).toBe("a");
    expect(doc.attributes.map((a) => [a.name, a.value])).toEqual([
      ["x", "1"],
      ["y", "two"],
    ]);
    expect(doc.text).toBe("tu<not markup> & v");
    expect(doc.children.map((c) => c.name)).toEqual(["b"]);
  });

  it("resolves the predefined entities and character references, and normalizes whitespace in attribute values", () => {
    const doc = root(`<a v="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#10;" w="a\tb\nc">&lt;tag&gt; &#x48;i</a>`);
    expect(attributeValue(doc, "v")).toBe(`<>&"'AB\u{1F600}\n`);
    expect(attributeValue(doc, "w")).toBe("a b c");
    expect(doc.text).toBe("<tag> Hi");
  });

  it("resolves namespaces: default and prefixed, inherited, redeclared, and unprefixed attributes in none", () => {
    const doc = root(
      `<md:E xmlns:md="urn:md" xmlns="urn:default" id="1" md:x="2"><md:I><c/></md:I><d xmlns="urn:other" xml:lang="en"/><md:J xmlns:md="urn:md2"/></md:E>`,
    );
    expect([doc.localName, doc.namespace]).toEqual(["E", "urn:md"]);
    expect(doc.attributes.map((a) => [a.localName, a.namespace])).toEqual([
      ["id", ""],
      ["x", "urn:md"],
    ]);
    expect(childElements(doc, "urn:md", "I")).toHaveLength(1);
    expect(doc.children[0].children[0].namespace).toBe("urn:default");
    expect(doc.children[1].namespace).toBe("urn:other");
    expect(attributeValue(doc.children[1], "lang", XML_NAMESPACE)).toBe("en");
    expect(doc.children[2].namespace).toBe("urn:md2");
  });

  it("reads deep nesting without recursion", () => {
    const depth = 100_000;
    let doc = root(`${"<a>".repeat(depth)}${"</a>".repeat(depth)}`);
    let levels = 1;
    while (doc.children.length > 0) {
      doc = doc.children[0];
      levels++;
    }
    expect(levels).toBe(depth);
  });
});

describe("readXml refuses what is not well-formed XML", () => {
  it.each([
    ["an empty document", ""],
    ["plain text", "this is not XML, it is a sentence long enough to be a metadata document"],
    ["JSON", '{"EntityDescriptor": {}}'],
    ["text before the root", "x<a/>"],
    ["two roots", "<a/><b/>"],
    ["text after the root", "<a/>x"],
    ["an unclosed element", "<a><b></b>"],
    ["mismatched tags", "<a><b></a></b>"],
    ["an unclosed tag", "<a"],
    ["an unquoted attribute", "<a x=1/>"],
    ["a repeated attribute", '<a x="1" x="2"/>'],
    ["a repeated attribute through two prefixes", '<a xmlns:p="urn:x" xmlns:q="urn:x" p:x="1" q:x="2"/>'],
    ["attributes without whitespace between them", '<a x="1"y="2"/>'],
    ["'<' in an attribute value", '<a x="<"/>'],
    ["a bare '&'", "<a>fish & chips</a>"],
    ["an undefined entity", "<a>&nbsp;</a>"],
    ["a reference to a forbidden character", "<a>&#0;</a>"],
    ["a forbidden character", "<a>\u0001</a>"],
    ["a document type declaration", '<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>'],
    ["a markup declaration in content", "<a><!ELEMENT b ANY></a>"],
    ["'--' in a comment", "<a><!-- a -- b --></a>"],
    ["an unclosed comment", "<a><!-- open</a>"],
    ["an unclosed CDATA section", "<a><![CDATA[ open</a>"],
    ["']]>' in text", "<a>]]></a>"],
    ["an XML declaration that is not first", ' <?xml version="1.0"?><a/>'],
    ["an invalid XML declaration", '<?xml version="2.0"?><a/>'],
    ["an unbound prefix", "<p:a/>"],
    ["an unbound attribute prefix", '<a p:x="1"/>'],
    ["an empty prefix binding", '<a xmlns:p=""/>'],
    ["a name with two colons", '<a:b:c xmlns:a="urn:x"/>'],
    ["a name starting with a digit", "<1a/>"],
  ])("%s", (_, text) => {
    const read = readXml(text);
    expect(read.ok).toBe(false);
  });

  it("says what is wrong and where", () => {
    expect(readXml("<a><b></a>")).toEqual({ ok: false, error: "</a> does not close <b>.", at: 6 });
    expect(readXml('<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>')).toMatchObject({ ok: false, error: "Document type declarations are not accepted." });
  });
});
