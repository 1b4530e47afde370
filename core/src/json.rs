//! JSON without serde: a reader into a small tree and a writer, both plain code.
//!
//! serde_json and its derived `Serialize` impls cost the browser bundle about 25 KB
//! (docs/performance.md); this module does the little aksnet needs in a fraction of
//! that, with no float parsing and no core float formatting.
//!
//! - [`parse`] reads RFC 8259 JSON into a [`Value`]: numbers stay as their source text
//!   (the plan reader turns them into whole numbers itself), objects keep their members
//!   in source order. It accepts and refuses what `serde_json::from_str` does (nesting
//!   deeper than 127 included), with the same messages at the same line and column; the
//!   tests and a fuzz target check both against serde_json. The one gap: within about
//!   3e-16 of the largest `f64` (1.8e308), where serde_json's float rounding decides
//!   "number out of range", the reader compares 20 digits instead.
//! - [`Writer`] writes the bytes serde_json's `to_string` (compact) or
//!   `to_string_pretty` write: two-space indent, `": "`, `[]` and `{}` for empty
//!   containers, serde_json's string escapes, and floats in the shortest form that reads
//!   back (`0.82`, `1.0`, `1e-7`, `1.5e+300`) from integer arithmetic only.
//!
//! ```
//! use aksnet_core::json::{self, Value, Writer};
//!
//! let v = json::parse(r#"{"a": [1, 2.5e3, "x\u00e9"], "b": null}"#)?;
//! assert_eq!(v.get("a").and_then(|a| a.items()).map(|a| a.len()), Some(3));
//! assert_eq!(json::to_string(&v), r#"{"a":[1,2.5e3,"xé"],"b":null}"#);
//!
//! let mut w = Writer::new(true);
//! w.begin_object();
//! w.key("score");
//! w.f64(0.82);
//! w.key("tags");
//! w.begin_array();
//! w.end_array();
//! w.end_object();
//! assert_eq!(w.finish(), "{\n  \"score\": 0.82,\n  \"tags\": []\n}");
//!
//! let err = json::parse("[1,]").unwrap_err();
//! assert_eq!(err.to_string(), "trailing comma at line 1 column 4");
//! # Ok::<(), json::Error>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// A JSON value. Numbers are kept as their text, exactly as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its source text (`-12`, `2.5`, `1e3`).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object: its members in source order, duplicates kept (see [`Value::get`]).
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value of `key` if this is an object that has it; of a key given twice, the
    /// last one, as serde_json's `Value` keeps it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        let Value::Object(members) = self else {
            return None;
        };
        let mut i = members.len();
        while i > 0 {
            i -= 1;
            if members[i].0 == key {
                return Some(&members[i].1);
            }
        }
        None
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn items(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A number written as a whole number that fits a `u64` (no sign, point or exponent),
    /// like serde_json's `as_u64`: `1.0`, `1e3` and `-0` are not.
    pub fn as_u64(&self) -> Option<u64> {
        let Value::Number(text) = self else {
            return None;
        };
        let mut n: u64 = 0;
        for b in text.bytes() {
            if !b.is_ascii_digit() {
                return None;
            }
            n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        }
        Some(n)
    }

    /// Whether this is a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }
}

// ---- reading --------------------------------------------------------------------------

/// Why a text is not JSON, and where: serde_json's message, line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// 1-based line.
    pub line: usize,
    /// Column: bytes from the start of the line to the error, as serde_json counts.
    pub column: usize,
    /// What was wrong, e.g. `expected value`.
    pub message: &'static str,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl core::error::Error for Error {}

/// Containers may nest this deep at most (serde_json's limit).
pub const MAX_DEPTH: usize = 127;

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const INVALID_ESCAPE: &str = "invalid escape";

/// Read one JSON value; only whitespace may follow it.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut r = Reader {
        t: text,
        s: text.as_bytes(),
        i: 0,
    };
    let v = r.value(0)?;
    if r.skip_ws().is_some() {
        return Err(r.peek_error("trailing characters"));
    }
    Ok(v)
}

struct Reader<'a> {
    t: &'a str,
    s: &'a [u8],
    /// The next byte to read.
    i: usize,
}

impl Reader<'_> {
    /// An error at byte `at`, positioned as serde_json positions it.
    fn error_at(&self, at: usize, message: &'static str) -> Error {
        let before = &self.s[..at];
        let mut line = 1;
        let mut start = 0;
        for (k, &b) in before.iter().enumerate() {
            if b == b'\n' {
                line += 1;
                start = k + 1;
            }
        }
        Error {
            line,
            column: at - start,
            message,
        }
    }

    /// An error just after what was read.
    fn error(&self, message: &'static str) -> Error {
        self.error_at(self.i, message)
    }

    /// An error at the byte looked at but not read (serde_json's `peek_error`).
    fn peek_error(&self, message: &'static str) -> Error {
        self.error_at((self.i + 1).min(self.s.len()), message)
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    fn peek_digit(&self) -> Option<u8> {
        self.peek().filter(u8::is_ascii_digit).map(|b| b - b'0')
    }

    fn skip_ws(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
        self.peek()
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        let Some(b) = self.skip_ws() else {
            return Err(self.peek_error(EOF_VALUE));
        };
        match b {
            b'n' => self.ident(b"null", Value::Null),
            b't' => self.ident(b"true", Value::Bool(true)),
            b'f' => self.ident(b"false", Value::Bool(false)),
            b'-' | b'0'..=b'9' => self.number(),
            b'"' => {
                self.i += 1;
                Ok(Value::String(self.string()?))
            }
            b'[' | b'{' => {
                if depth >= MAX_DEPTH {
                    return Err(self.peek_error("recursion limit exceeded"));
                }
                self.i += 1;
                if b == b'[' {
                    self.array(depth + 1)
                } else {
                    self.object(depth + 1)
                }
            }
            _ => Err(self.peek_error("expected value")),
        }
    }

    fn ident(&mut self, word: &[u8], v: Value) -> Result<Value, Error> {
        self.i += 1;
        for &expected in &word[1..] {
            match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(b) if b != expected => return Err(self.error("expected ident")),
                Some(_) => {}
            }
        }
        Ok(v)
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        let mut items = Vec::new();
        loop {
            match self.skip_ws() {
                None => return Err(self.peek_error(EOF_LIST)),
                Some(b']') => break,
                Some(_) if items.is_empty() => {}
                Some(b',') => {
                    self.i += 1;
                    match self.skip_ws() {
                        Some(b']') => return Err(self.peek_error("trailing comma")),
                        Some(_) => {}
                        None => return Err(self.peek_error(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `]`")),
            }
            items.push(self.value(depth)?);
        }
        self.i += 1;
        Ok(Value::Array(items))
    }

    fn object(&mut self, depth: usize) -> Result<Value, Error> {
        let mut members = Vec::new();
        loop {
            match self.skip_ws() {
                None => return Err(self.peek_error(EOF_OBJECT)),
                Some(b'}') => break,
                Some(b) if members.is_empty() => {
                    if b != b'"' {
                        return Err(self.peek_error("key must be a string"));
                    }
                }
                Some(b',') => {
                    self.i += 1;
                    match self.skip_ws() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.peek_error("trailing comma")),
                        Some(_) => return Err(self.peek_error("key must be a string")),
                        None => return Err(self.peek_error(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `}`")),
            }
            self.i += 1;
            let key = self.string()?;
            match self.skip_ws() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.peek_error("expected `:`")),
                None => return Err(self.peek_error(EOF_OBJECT)),
            }
            let v = self.value(depth)?;
            members.push((key, v));
        }
        self.i += 1;
        Ok(Value::Object(members))
    }

    /// The rest of a string whose opening quote was read.
    fn string(&mut self) -> Result<String, Error> {
        let mut out = String::new();
        let mut start = self.i;
        loop {
            let Some(b) = self.next() else {
                return Err(self.error(EOF_STRING));
            };
            match b {
                b'"' => {
                    out.push_str(self.text(start, self.i - 1));
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.text(start, self.i - 1));
                    self.escape(&mut out)?;
                    start = self.i;
                }
                0..0x20 => {
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                _ => {}
            }
        }
    }

    /// Input bytes `a..b`; both ends are at ASCII bytes (or the ends), so char boundaries.
    fn text(&self, a: usize, b: usize) -> &str {
        self.t.get(a..b).unwrap_or_default()
    }

    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let c = match self.next() {
            None => return Err(self.error(EOF_STRING)),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => self.unicode_escape()?,
            Some(_) => return Err(self.error(INVALID_ESCAPE)),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        if self.s.len() - self.i < 4 {
            self.i = self.s.len();
            return Err(self.error(EOF_STRING));
        }
        let mut n = 0;
        for k in 0..4 {
            let d = match self.s[self.i + k] {
                b @ b'0'..=b'9' => b - b'0',
                b @ b'a'..=b'f' => b - b'a' + 10,
                b @ b'A'..=b'F' => b - b'A' + 10,
                _ => 255,
            };
            if d == 255 {
                self.i += 4;
                return Err(self.error(INVALID_ESCAPE));
            }
            n = n * 16 + u32::from(d);
        }
        self.i += 4;
        Ok(n)
    }

    /// After `\u`: one character, from a surrogate pair where it takes two escapes.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        const LONE: &str = "lone leading surrogate in hex escape";
        const UNEXPECTED_END: &str = "unexpected end of hex escape";
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(LONE));
        }
        if !(0xD800..=0xDBFF).contains(&n) {
            return char::from_u32(n).ok_or_else(|| self.error(INVALID_ESCAPE));
        }
        for expected in [b'\\', b'u'] {
            match self.next() {
                None => return Err(self.error(EOF_STRING)),
                Some(b) if b != expected => return Err(self.error(UNEXPECTED_END)),
                Some(_) => {}
            }
        }
        let n2 = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&n2) {
            return Err(self.error(LONE));
        }
        let c = 0x1_0000 + ((n - 0xD800) << 10) + (n2 - 0xDC00);
        char::from_u32(c).ok_or_else(|| self.error(INVALID_ESCAPE))
    }

    /// A number, kept as its text. It is refused where serde_json refuses it, including
    /// "number out of range" for magnitudes an `f64` cannot hold, which serde_json
    /// decides from the first 19 or 20 significant digits and the exponent.
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        // The significand serde_json keeps (digits until a u64 would overflow) and the
        // power of ten it is scaled by.
        let mut sig: u64;
        let mut exp: i64 = 0;
        match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(b'0') => {
                if self.peek_digit().is_some() {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
                sig = 0;
            }
            Some(b @ b'1'..=b'9') => {
                sig = u64::from(b - b'0');
                let mut full = false;
                while let Some(d) = self.peek_digit() {
                    self.i += 1;
                    match sig
                        .checked_mul(10)
                        .and_then(|s| s.checked_add(u64::from(d)))
                    {
                        Some(s) if !full => sig = s,
                        // Past the first digit that overflows, serde_json counts digits.
                        _ => {
                            full = true;
                            exp += 1;
                        }
                    }
                }
            }
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        }
        let mut fraction = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            let mut any = false;
            let mut full = false;
            while let Some(d) = self.peek_digit() {
                self.i += 1;
                any = true;
                if full {
                    continue;
                }
                match sig
                    .checked_mul(10)
                    .and_then(|s| s.checked_add(u64::from(d)))
                {
                    Some(s) => {
                        sig = s;
                        exp -= 1;
                    }
                    // serde_json ignores the digits after the first that overflows.
                    None => full = true,
                }
            }
            if !any {
                return Err(match self.peek() {
                    Some(_) => self.peek_error(INVALID_NUMBER),
                    None => self.peek_error(EOF_VALUE),
                });
            }
            fraction = true;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            let negative = match self.peek() {
                Some(b'+') => {
                    self.i += 1;
                    false
                }
                Some(b'-') => {
                    self.i += 1;
                    true
                }
                _ => false,
            };
            let mut e: i64 = match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(b @ b'0'..=b'9') => i64::from(b - b'0'),
                Some(_) => return Err(self.error(INVALID_NUMBER)),
            };
            let mut huge = false;
            while let Some(d) = self.peek_digit() {
                self.i += 1;
                if huge {
                    continue;
                }
                e = e * 10 + i64::from(d);
                if e > i64::from(i32::MAX) {
                    if sig != 0 && !negative {
                        return Err(self.error(OUT_OF_RANGE));
                    }
                    huge = true;
                }
            }
            if !huge {
                exp = if negative { exp - e } else { exp + e };
                if too_large(sig, exp) {
                    return Err(self.error(OUT_OF_RANGE));
                }
            }
        } else if (fraction || exp > 0) && too_large(sig, exp) {
            return Err(self.error(OUT_OF_RANGE));
        }
        Ok(Value::Number(String::from(self.text(start, self.i))))
    }
}

/// Whether `sig * 10^exp` is beyond the largest `f64` (rounding to infinity).
fn too_large(sig: u64, exp: i64) -> bool {
    if sig == 0 || exp < 0 {
        return false;
    }
    let mut digits = 1;
    let mut t = sig;
    while t >= 10 {
        t /= 10;
        digits += 1;
    }
    match digits + exp {
        ..=308 => false,
        309 => {
            // 2^1024 - 2^970, where rounding goes to infinity, to 20 digits.
            const LIMIT: u128 = 17_976_931_348_623_158_079;
            u128::from(sig) * 10u128.pow(20 - digits as u32) >= LIMIT
        }
        _ => true,
    }
}

// ---- writing --------------------------------------------------------------------------

/// Writes JSON text as serde_json does, compact or pretty.
///
/// Call [`Writer::key`] before each value of an object; values written without a key
/// are array items (or the top-level value).
#[derive(Debug)]
pub struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
    /// No item written yet in the innermost open container.
    first: bool,
    /// A key was written and its value is next.
    after_key: bool,
}

impl Writer {
    /// A writer of compact (`pretty == false`) or pretty-printed text.
    pub fn new(pretty: bool) -> Writer {
        Writer {
            out: String::new(),
            pretty,
            depth: 0,
            first: true,
            after_key: false,
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    /// The separator before an item or a key.
    fn item(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        if self.depth == 0 {
            return;
        }
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.newline();
    }

    /// An object member's key; its value comes next.
    pub fn key(&mut self, key: &str) {
        self.item();
        self.escaped(key);
        self.out.push_str(if self.pretty { ": " } else { ":" });
        self.after_key = true;
    }

    /// Open an object.
    pub fn begin_object(&mut self) {
        self.open('{');
    }

    /// Close the innermost object.
    pub fn end_object(&mut self) {
        self.close('}');
    }

    /// Open an array.
    pub fn begin_array(&mut self) {
        self.open('[');
    }

    fn open(&mut self, c: char) {
        self.item();
        self.out.push(c);
        self.depth += 1;
        self.first = true;
    }

    /// Close the innermost array.
    pub fn end_array(&mut self) {
        self.close(']');
    }

    fn close(&mut self, c: char) {
        self.depth = self.depth.saturating_sub(1);
        if !self.first {
            self.newline();
        }
        self.out.push(c);
        self.first = false;
    }

    /// A string, escaped as serde_json escapes it.
    pub fn str(&mut self, s: &str) {
        self.item();
        self.escaped(s);
    }

    /// A string value or `null`.
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// A whole number.
    pub fn uint(&mut self, n: u128) {
        self.item();
        push_uint(&mut self.out, n);
    }

    /// A whole number or `null`.
    pub fn opt_uint(&mut self, n: Option<u128>) {
        match n {
            Some(n) => self.uint(n),
            None => self.null(),
        }
    }

    /// `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.item();
        self.out.push_str(if b { "true" } else { "false" });
    }

    /// `null`.
    pub fn null(&mut self) {
        self.item();
        self.out.push_str("null");
    }

    /// Number text written as it is (a [`Value::Number`]).
    pub fn number_text(&mut self, text: &str) {
        self.item();
        self.out.push_str(text);
    }

    /// A float as serde_json writes it: the shortest decimal that reads back as `x`
    /// (`0.82`, `1.0`, `-0.5`, `1e-7`, `1.5e+300`), `null` when it is not finite.
    pub fn f64(&mut self, x: f64) {
        self.item();
        if !x.is_finite() {
            self.out.push_str("null");
            return;
        }
        push_shortest(&mut self.out, x);
    }

    /// A string field of an object.
    pub fn field_str(&mut self, key: &str, s: &str) {
        self.key(key);
        self.str(s);
    }

    /// A whole-number field of an object.
    pub fn field_uint(&mut self, key: &str, n: u128) {
        self.key(key);
        self.uint(n);
    }

    /// A `true`/`false` field of an object.
    pub fn field_bool(&mut self, key: &str, b: bool) {
        self.key(key);
        self.bool(b);
    }

    /// A float field of an object.
    pub fn field_f64(&mut self, key: &str, x: f64) {
        self.key(key);
        self.f64(x);
    }

    fn escaped(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let out = &mut self.out;
        out.push('"');
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let short = match b {
                b'"' => '"',
                b'\\' => '\\',
                b'\n' => 'n',
                b'\r' => 'r',
                b'\t' => 't',
                0x08 => 'b',
                0x0c => 'f',
                0..0x20 => 'u',
                _ => continue,
            };
            out.push_str(&s[start..i]);
            out.push('\\');
            out.push(short);
            if short == 'u' {
                out.push_str("00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
            start = i + 1;
        }
        out.push_str(&s[start..]);
        out.push('"');
    }
}

fn push_uint(out: &mut String, mut n: u128) {
    let mut buf = [0u8; 39];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[at..] {
        out.push(char::from(b));
    }
}

/// A type that writes itself as JSON.
pub trait ToJson {
    /// Write the value at the writer's current place.
    fn write_json(&self, w: &mut Writer);
}

impl ToJson for Value {
    fn write_json(&self, w: &mut Writer) {
        match self {
            Value::Null => w.null(),
            Value::Bool(b) => w.bool(*b),
            Value::Number(n) => w.number_text(n),
            Value::String(s) => w.str(s),
            Value::Array(items) => {
                w.begin_array();
                for v in items {
                    v.write_json(w);
                }
                w.end_array();
            }
            Value::Object(members) => {
                w.begin_object();
                for (k, v) in members {
                    w.key(k);
                    v.write_json(w);
                }
                w.end_object();
            }
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut Writer) {
        w.begin_array();
        for v in self {
            v.write_json(w);
        }
        w.end_array();
    }
}

/// Compact JSON text, as `serde_json::to_string` writes it.
pub fn to_string<T: ToJson + ?Sized>(v: &T) -> String {
    let mut w = Writer::new(false);
    v.write_json(&mut w);
    w.finish()
}

/// Pretty-printed JSON text, as `serde_json::to_string_pretty` writes it.
pub fn to_string_pretty<T: ToJson + ?Sized>(v: &T) -> String {
    let mut w = Writer::new(true);
    v.write_json(&mut w);
    w.finish()
}

// ---- shortest float text ---------------------------------------------------------------

/// An unsigned integer of up to 40 x 32 bits: enough for every step of the digit
/// generation below over the whole `f64` range.
#[derive(Clone, Copy)]
struct Big {
    limbs: [u32; 40],
    len: usize,
}

impl Big {
    fn from_u64(n: u64) -> Big {
        let mut b = Big {
            limbs: [0; 40],
            len: 2,
        };
        b.limbs[0] = n as u32;
        b.limbs[1] = (n >> 32) as u32;
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.len > 0 && self.limbs[self.len - 1] == 0 {
            self.len -= 1;
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.limbs[..self.len] {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 && self.len < self.limbs.len() {
            self.limbs[self.len] = carry as u32;
            self.len += 1;
        }
    }

    fn shl(&mut self, bits: u32) {
        let words = (bits / 32) as usize;
        let rest = bits % 32;
        if self.len == 0 {
            return;
        }
        let new_len = (self.len + words + 1).min(self.limbs.len());
        let mut i = new_len;
        while i > 0 {
            i -= 1;
            let hi = if i >= words && i - words < self.len {
                self.limbs[i - words]
            } else {
                0
            };
            let lo = if rest > 0 && i > words && i - words - 1 < self.len {
                self.limbs[i - words - 1] >> (32 - rest)
            } else {
                0
            };
            self.limbs[i] = if rest > 0 { (hi << rest) | lo } else { hi };
        }
        self.len = new_len;
        self.trim();
    }

    fn add(&self, other: &Big) -> Big {
        let mut out = *self;
        let n = self.len.max(other.len);
        let mut carry = 0u64;
        for i in 0..n {
            let v = u64::from(self.limbs[i]) + u64::from(other.limbs[i]) + carry;
            out.limbs[i] = v as u32;
            carry = v >> 32;
        }
        out.len = n;
        if carry > 0 && n < out.limbs.len() {
            out.limbs[n] = carry as u32;
            out.len = n + 1;
        }
        out
    }

    /// `self -= other`; `other <= self`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for i in 0..self.len {
            let v = i64::from(self.limbs[i]) - i64::from(other.limbs[i]) - borrow;
            borrow = i64::from(v < 0);
            self.limbs[i] = (v + (borrow << 32)) as u32;
        }
        self.trim();
    }

    fn cmp(&self, other: &Big) -> core::cmp::Ordering {
        if self.len != other.len {
            return self.len.cmp(&other.len);
        }
        let mut i = self.len;
        while i > 0 {
            i -= 1;
            if self.limbs[i] != other.limbs[i] {
                return self.limbs[i].cmp(&other.limbs[i]);
            }
        }
        core::cmp::Ordering::Equal
    }
}

/// Write finite `x` the way serde_json does: the fewest significant digits that
/// read back as `x`, the closest such digits to `x` when several qualify, laid out as
/// `123.45`, `1000.0`, `0.0001` or `1.5e-7`.
fn push_shortest(out: &mut String, x: f64) {
    use core::cmp::Ordering::{Greater, Less};
    if x.is_sign_negative() {
        out.push('-');
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 && fraction == 0 {
        out.push_str("0.0");
        return;
    }
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    // x = m * 2^e. Scaled so that x = r / s and the gaps to the neighbouring floats are
    // 2 * up / s above and 2 * down / s below (smaller below a power of two).
    let even = m % 2 == 0;
    let narrow_below = fraction == 0 && biased > 1;
    let mut r = Big::from_u64(m);
    let mut s = Big::from_u64(1);
    let mut up = Big::from_u64(1);
    let mut down = Big::from_u64(1);
    let extra = u32::from(narrow_below);
    if e >= 0 {
        r.shl(e as u32 + 1 + extra);
        s.shl(1 + extra);
        up.shl(e as u32 + extra);
        down.shl(e as u32);
    } else {
        r.shl(1 + extra);
        s.shl((-e) as u32 + 1 + extra);
        up.shl(extra);
    }
    // Find k with (r + up) / s just below 1 (or at it, when the upper end reads back).
    let mut k: i32 = 0;
    let high_reached = |r: &Big, up: &Big, s: &Big| {
        let c = r.add(up).cmp(s);
        c == Greater || (even && c != Less)
    };
    while high_reached(&r, &up, &s) {
        s.mul_small(10);
        k += 1;
    }
    loop {
        let mut t = r.add(&up);
        t.mul_small(10);
        let c = t.cmp(&s);
        if c == Greater || (even && c != Less) {
            break;
        }
        r.mul_small(10);
        up.mul_small(10);
        down.mul_small(10);
        k -= 1;
    }
    // Digits, until the rest can be dropped or rounded up within the gaps.
    let mut digits = [0u8; 20];
    let mut n = 0;
    loop {
        r.mul_small(10);
        up.mul_small(10);
        down.mul_small(10);
        let mut d = 0u8;
        while r.cmp(&s) != Less {
            r.sub(&s);
            d += 1;
        }
        let c_low = r.cmp(&down);
        let low = c_low == Less || (even && c_low != Greater);
        let high = high_reached(&r, &up, &s);
        if !low && !high && n + 1 < digits.len() {
            digits[n] = d;
            n += 1;
            continue;
        }
        if high
            && (!low || {
                let mut twice = r;
                twice.mul_small(2);
                match twice.cmp(&s) {
                    Less => false,
                    Greater => true,
                    core::cmp::Ordering::Equal => d % 2 == 1,
                }
            })
        {
            d += 1;
        }
        digits[n] = d;
        n += 1;
        break;
    }
    push_layout(out, &digits[..n], k);
}

/// Digits `0.d1d2... * 10^k` laid out as serde_json (its float writer, zmij) does:
/// plain from `0.0001` up to 16 digits before the point, else `d.ddde+X` or `de-X`.
fn push_layout(out: &mut String, digits: &[u8], k: i32) {
    let n = digits.len() as i32;
    let push_digits = |out: &mut String, ds: &[u8]| {
        for &d in ds {
            out.push(char::from(b'0' + d));
        }
    };
    if k >= n && k <= 16 {
        push_digits(out, digits);
        for _ in n..k {
            out.push('0');
        }
        out.push_str(".0");
    } else if 0 < k && k <= 16 {
        push_digits(out, &digits[..k as usize]);
        out.push('.');
        push_digits(out, &digits[k as usize..]);
    } else if -5 < k && k <= 0 {
        out.push_str("0.");
        for _ in k..0 {
            out.push('0');
        }
        push_digits(out, digits);
    } else {
        push_digits(out, &digits[..1]);
        if n > 1 {
            out.push('.');
            push_digits(out, &digits[1..]);
        }
        out.push('e');
        let exp = k - 1;
        out.push(if exp < 0 { '-' } else { '+' });
        push_uint(out, u128::from(exp.unsigned_abs()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn floats_as_serde_json_writes_them() {
        for (x, text) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (0.82, "0.82"),
            (-1.0, "-1.0"),
            (1000.0, "1000.0"),
            (0.1, "0.1"),
            (1e-5, "0.00001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456.789, "123456.789"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (5e-324, "5e-324"),
            (0.3, "0.3"),
            (2f64.powi(-64), "5.421010862427522e-20"),
        ] {
            let mut w = Writer::new(false);
            w.f64(x);
            assert_eq!(w.finish(), text, "{x:e}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let deep = "[".repeat(10_000);
        let e = parse(&deep).unwrap_err();
        assert_eq!(
            format!("{e}"),
            "recursion limit exceeded at line 1 column 128"
        );
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }
}
