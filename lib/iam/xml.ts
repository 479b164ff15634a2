// A small, strict reader of XML 1.0 documents that users upload (SAML metadata): it checks
// well-formedness and namespaces, and resolves character and entity references. Document type
// declarations are refused, so no entity is ever expanded and nothing external is fetched. It
// reads with a loop and an explicit stack, so deep nesting cannot overflow the call stack, and
// in time linear in the document. No 'server-only': plain code, testable on its own.

export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
export const XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";

export interface XmlAttribute {
  /** As written, e.g. "xml:lang". */
  name: string;
  localName: string;
  /** "" for an unprefixed attribute: unprefixed attributes are in no namespace. */
  namespace: string;
  value: string;
}

export interface XmlElement {
  /** As written, e.g. "md:EntityDescriptor". */
  name: string;
  localName: string;
  /** The namespace URI, "" for none. */
  namespace: string;
  /** Namespace declarations (xmlns, xmlns:p) are not listed. */
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** The element's own character data (text and CDATA sections), without its children's. */
  text: string;
}

export type XmlReadResult = { ok: true; root: XmlElement } | { ok: false; error: string; at: number };

/** An attribute in no namespace (as most SAML attributes are), by local name. */
export function attributeValue(element: XmlElement, localName: string, namespace = ""): string | undefined {
  return element.attributes.find((a) => a.localName === localName && a.namespace === namespace)?.value;
}

/** The element's children of one name and namespace. */
export function childElements(element: XmlElement, namespace: string, localName: string): XmlElement[] {
  return element.children.filter((c) => c.namespace === namespace && c.localName === localName);
}

// XML 1.0 (fifth edition) names, without the astral planes.
const NAME_START = "A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, "y");
const WHITESPACE = /[ \t\r\n]*/y;
// Characters XML 1.0 forbids anywhere in a document.
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/y;
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_:][A-Za-z0-9_:.-]*));/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

class XmlError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Text with its references resolved; `at` is where the text starts in the document. */
function resolveReferences(raw: string, at: number): string {
  let amp = raw.indexOf("&");
  if (amp < 0) return raw;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    out += raw.slice(from, amp);
    REFERENCE.lastIndex = amp;
    const m = REFERENCE.exec(raw);
    if (!m) throw new XmlError("A '&' must start a character or entity reference.", at + amp);
    if (m[3] !== undefined) {
      const named = PREDEFINED[m[3]];
      if (named === undefined) throw new XmlError(`The entity "${m[3]}" is not defined.`, at + amp);
      out += named;
    } else {
      const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2], 10);
      if (!isXmlChar(code)) throw new XmlError("A character reference names a character XML does not allow.", at + amp);
      out += String.fromCodePoint(code);
    }
    from = REFERENCE.lastIndex;
    amp = raw.indexOf("&", from);
  }
  return out + raw.slice(from);
}

/** Namespace bindings in scope: each element's own declarations over its parent's. */
interface Scope {
  parent: Scope | undefined;
  bindings: Map<string, string>;
}

function lookup(scope: Scope | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) {
    const uri = s.bindings.get(prefix);
    if (uri !== undefined) return uri;
  }
  return undefined;
}

function splitName(name: string, at: number): [prefix: string, local: string] {
  const colon = name.indexOf(":");
  if (colon < 0) return ["", name];
  const prefix = name.slice(0, colon);
  const local = name.slice(colon + 1);
  if (prefix === "" || local === "" || local.includes(":")) throw new XmlError(`"${name}" is not a valid qualified name.`, at);
  return [prefix, local];
}

interface Open {
  element: XmlElement;
  scope: Scope | undefined;
}

class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  read(): XmlElement {
    const text = this.text;
    const forbidden = FORBIDDEN_CHARACTER.exec(text);
    if (forbidden) throw new XmlError("The document contains a character XML does not allow.", forbidden.index);
    if (text.startsWith("\uFEFF")) this.pos = 1;
    if (text.startsWith("<?xml", this.pos) && /[ \t\r\n?]/.test(text.charAt(this.pos + 5))) {
      XML_DECLARATION.lastIndex = this.pos;
      if (!XML_DECLARATION.test(text)) throw new XmlError("The XML declaration is not valid.", this.pos);
      this.pos = XML_DECLARATION.lastIndex;
    }
    this.misc();
    if (text.startsWith("<!DOCTYPE", this.pos)) throw new XmlError("Document type declarations are not accepted.", this.pos);
    if (text.charAt(this.pos) !== "<") throw new XmlError(this.pos >= text.length ? "The document has no root element." : "Text is not allowed before the root element.", this.pos);
    const root = this.elements();
    this.misc();
    if (this.pos < text.length) throw new XmlError("Only comments and processing instructions may follow the root element.", this.pos);
    return root;
  }

  /** Whitespace, comments and processing instructions, outside the root element. */
  private misc(): void {
    for (;;) {
      this.whitespace();
      if (this.text.startsWith("<!--", this.pos)) this.comment();
      else if (this.text.startsWith("<?", this.pos)) this.processingInstruction();
      else return;
    }
  }

  private whitespace(): boolean {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.test(this.text);
    const moved = WHITESPACE.lastIndex > this.pos;
    this.pos = WHITESPACE.lastIndex;
    return moved;
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.text);
    if (!m) throw new XmlError("A name was expected.", this.pos);
    this.pos = NAME.lastIndex;
    return m[0];
  }

  private expect(literal: string, what: string): void {
    if (!this.text.startsWith(literal, this.pos)) throw new XmlError(`${what} was expected.`, this.pos);
    this.pos += literal.length;
  }

  private comment(): void {
    const start = this.pos;
    const end = this.text.indexOf("-->", start + 4);
    if (end < 0) throw new XmlError("A comment is not closed.", start);
    const body = this.text.slice(start + 4, end);
    if (body.includes("--") || body.endsWith("-")) throw new XmlError("A comment may not contain '--'.", start);
    this.pos = end + 3;
  }

  private processingInstruction(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.name();
    if (target.toLowerCase() === "xml") throw new XmlError("The XML declaration may only start the document.", start);
    const end = this.text.indexOf("?>", this.pos);
    if (end < 0) throw new XmlError("A processing instruction is not closed.", start);
    if (end > this.pos && !/^[ \t\r\n]/.test(this.text.charAt(this.pos))) throw new XmlError("A processing instruction's target must be followed by a space.", this.pos);
    this.pos = end + 2;
  }

  /** The root element and everything in it. */
  private elements(): XmlElement {
    const text = this.text;
    const stack: Open[] = [];
    const root = this.startTag(stack);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const lt = text.indexOf("<", this.pos);
      if (lt < 0) throw new XmlError(`The element <${top.element.name}> is not closed.`, this.pos);
      if (lt > this.pos) {
        const raw = text.slice(this.pos, lt);
        const cdataEnd = raw.indexOf("]]>");
        if (cdataEnd >= 0) throw new XmlError("']]>' is not allowed in text.", this.pos + cdataEnd);
        top.element.text += resolveReferences(raw, this.pos);
        this.pos = lt;
      }
      if (text.startsWith("</", lt)) {
        this.pos = lt + 2;
        const name = this.name();
        if (name !== top.element.name) throw new XmlError(`</${name}> does not close <${top.element.name}>.`, lt);
        this.whitespace();
        this.expect(">", "'>'");
        stack.pop();
      } else if (text.startsWith("<!--", lt)) {
        this.comment();
      } else if (text.startsWith("<![CDATA[", lt)) {
        const end = text.indexOf("]]>", lt + 9);
        if (end < 0) throw new XmlError("A CDATA section is not closed.", lt);
        top.element.text += text.slice(lt + 9, end);
        this.pos = end + 3;
      } else if (text.startsWith("<?", lt)) {
        this.processingInstruction();
      } else if (text.startsWith("<!", lt)) {
        throw new XmlError("Markup declarations are not accepted.", lt);
      } else {
        this.startTag(stack);
      }
    }
    return root;
  }

  /** Reads a start tag (or empty-element tag) at "<" and adds the element to its parent. */
  private startTag(stack: Open[]): XmlElement {
    const start = this.pos;
    this.pos += 1;
    const name = this.name();
    const raw: { name: string; value: string; at: number }[] = [];
    const seen = new Set<string>();
    let selfClosing = false;
    for (;;) {
      const spaced = this.whitespace();
      if (this.text.startsWith("/>", this.pos)) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.text.charAt(this.pos) === ">") {
        this.pos += 1;
        break;
      }
      if (this.pos >= this.text.length) throw new XmlError(`The tag <${name}> is not closed.`, start);
      if (!spaced) throw new XmlError("Attributes must be separated by whitespace.", this.pos);
      const at = this.pos;
      const attribute = this.name();
      this.whitespace();
      this.expect("=", "'='");
      this.whitespace();
      const quote = this.text.charAt(this.pos);
      if (quote !== '"' && quote !== "'") throw new XmlError("An attribute value must be quoted.", this.pos);
      const end = this.text.indexOf(quote, this.pos + 1);
      if (end < 0) throw new XmlError("An attribute value is not closed.", this.pos);
      const value = this.text.slice(this.pos + 1, end);
      if (value.includes("<")) throw new XmlError("'<' is not allowed in an attribute value.", this.pos);
      if (seen.has(attribute)) throw new XmlError(`The attribute ${attribute} appears twice.`, at);
      seen.add(attribute);
      // Attribute-value normalization: whitespace characters written literally become spaces.
      raw.push({ name: attribute, value: resolveReferences(value.replace(/[\t\n\r]/g, " "), this.pos + 1), at });
      this.pos = end + 1;
    }

    const parent = stack[stack.length - 1];
    const bindings = new Map<string, string>();
    for (const a of raw) {
      if (a.name === "xmlns") {
        if (a.value === XML_NAMESPACE || a.value === XMLNS_NAMESPACE) throw new XmlError("A reserved namespace cannot be the default namespace.", a.at);
        bindings.set("", a.value);
      } else if (a.name.startsWith("xmlns:")) {
        const prefix = a.name.slice(6);
        splitName(a.name, a.at);
        if (prefix === "xmlns") throw new XmlError("The prefix xmlns cannot be declared.", a.at);
        if (a.value === "") throw new XmlError(`The prefix ${prefix} cannot be bound to no namespace.`, a.at);
        if ((prefix === "xml") !== (a.value === XML_NAMESPACE)) throw new XmlError("The prefix xml is bound to the XML namespace only.", a.at);
        if (a.value === XMLNS_NAMESPACE) throw new XmlError("The xmlns namespace cannot be bound to a prefix.", a.at);
        bindings.set(prefix, a.value);
      }
    }
    const scope: Scope | undefined = bindings.size > 0 ? { parent: parent?.scope, bindings } : parent?.scope;
    const resolve = (prefix: string, at: number): string => {
      if (prefix === "xml") return XML_NAMESPACE;
      const uri = lookup(scope, prefix);
      if (uri === undefined) throw new XmlError(`The prefix ${prefix} is not bound to a namespace.`, at);
      return uri;
    };

    const [prefix, localName] = splitName(name, start + 1);
    const element: XmlElement = {
      name,
      localName,
      namespace: prefix === "" ? (lookup(scope, "") ?? "") : resolve(prefix, start + 1),
      attributes: [],
      children: [],
      text: "",
    };
    const expanded = new Set<string>();
    for (const a of raw) {
      if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue;
      const [p, local] = splitName(a.name, a.at);
      const namespace = p === "" ? "" : resolve(p, a.at);
      // Two prefixes bound to one namespace still name the same attribute.
      const key = `${namespace} ${local}`;
      if (expanded.has(key)) throw new XmlError(`The attribute ${a.name} appears twice.`, a.at);
      expanded.add(key);
      element.attributes.push({ name: a.name, localName: local, namespace, value: a.value });
    }
    parent?.element.children.push(element);
    if (!selfClosing) stack.push({ element, scope });
    return element;
  }
}

/** Reads a document: its root element, or why it is not well-formed XML and where. */
export function readXml(text: string): XmlReadResult {
  try {
    return { ok: true, root: new Reader(text).read() };
  } catch (err) {
    if (err instanceof XmlError) return { ok: false, error: err.message, at: err.at };
    throw err;
  }
}
