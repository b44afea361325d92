//! The `BleedBox` of every page, added to the PDF Typst writes.
//!
//! Typst (krilla) writes a `TrimBox` but no `BleedBox`. Its files have one
//! classic cross-reference table and every page dictionary as a plain object,
//! so the box is inserted after each page's `TrimBox` and the offsets of the
//! table moved by what was inserted before them: the rest of the file is
//! copied as it is, in a millisecond (parsing and saving the whole file again
//! took a quarter of the export).

use std::fmt;

/// A PDF this module cannot patch: not laid out as Typst writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UnexpectedPdf(&'static str);

impl fmt::Display for UnexpectedPdf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the PDF is not laid out as Typst writes it: {}", self.0)
    }
}

/// One entry of the cross-reference table: `oooooooooo ggggg n\r\n`.
const ENTRY: usize = 20;

/// Adds to every page that has a `TrimBox` a `BleedBox` `bleed` points
/// larger on every side (never larger than its `MediaBox`).
///
/// # Errors
/// A file without the classic cross-reference table Typst writes, or a page
/// whose boxes cannot be read.
pub(super) fn add_bleed_boxes(pdf: &[u8], bleed: f64) -> Result<Vec<u8>, UnexpectedPdf> {
    let table = xref_offset(pdf)?;
    let (entries_at, count) = xref_header(pdf, table)?;
    let mut offsets = Vec::with_capacity(count);
    for i in 0..count {
        let entry = pdf
            .get(entries_at + i * ENTRY..entries_at + (i + 1) * ENTRY)
            .ok_or(UnexpectedPdf("the cross-reference table is cut short"))?;
        let in_use = entry.get(17) == Some(&b'n');
        offsets.push(in_use.then(|| number(&entry[..10])).flatten());
    }
    // Each in-use object, in file order, ends where the next one starts.
    let mut starts: Vec<usize> = offsets.iter().flatten().copied().collect();
    starts.sort_unstable();
    let mut insertions = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(table);
        let object = pdf
            .get(start..end)
            .ok_or(UnexpectedPdf("an object lies outside the file"))?;
        // `N 0 obj\n<</Type/Page/…`: a page dictionary, never a stream.
        let dictionary = object
            .iter()
            .position(|&b| b == b'\n')
            .map_or(&[][..], |newline| &object[newline + 1..]);
        if !dictionary.starts_with(b"<</Type/Page/") {
            continue;
        }
        let Some(trim_at) = find(object, b"/TrimBox[") else {
            continue;
        };
        let trim = rectangle(&object[trim_at + b"/TrimBox".len()..])?;
        let media_at =
            find(object, b"/MediaBox[").ok_or(UnexpectedPdf("a page has no MediaBox"))?;
        let media = rectangle(&object[media_at + b"/MediaBox".len()..])?;
        let close = object[trim_at..]
            .iter()
            .position(|&b| b == b']')
            .ok_or(UnexpectedPdf("a TrimBox is not closed"))?;
        let bleed_box = [
            (trim[0] - bleed).max(media[0]),
            (trim[1] - bleed).max(media[1]),
            (trim[2] + bleed).min(media[2]),
            (trim[3] + bleed).min(media[3]),
        ];
        insertions.push((start + trim_at + close + 1, bleed_box_text(bleed_box)));
    }
    Ok(rewrite(pdf, &insertions, &offsets, table))
}

/// The file with `insertions` (at increasing positions) made, its
/// cross-reference table and `startxref` moved accordingly.
fn rewrite(
    pdf: &[u8],
    insertions: &[(usize, String)],
    offsets: &[Option<usize>],
    table: usize,
) -> Vec<u8> {
    let inserted: usize = insertions.iter().map(|(_, text)| text.len()).sum();
    let moved = |offset: usize| {
        offset
            + insertions
                .iter()
                .take_while(|(at, _)| *at <= offset)
                .map(|(_, text)| text.len())
                .sum::<usize>()
    };
    let mut out = Vec::with_capacity(pdf.len() + inserted);
    let mut copied = 0;
    for (at, text) in insertions {
        out.extend_from_slice(&pdf[copied..*at]);
        out.extend_from_slice(text.as_bytes());
        copied = *at;
    }
    out.extend_from_slice(&pdf[copied..table]);
    out.extend_from_slice(format!("xref\n0 {}\n", offsets.len()).as_bytes());
    for (i, offset) in offsets.iter().enumerate() {
        match offset {
            Some(offset) => {
                out.extend_from_slice(format!("{:010} 00000 n\r\n", moved(*offset)).as_bytes())
            }
            // Object 0 heads the free list; any other free entry is kept.
            None if i == 0 => out.extend_from_slice(b"0000000000 65535 f\r\n"),
            None => out.extend_from_slice(b"0000000000 00000 f\r\n"),
        }
    }
    let trailer_at = table + xref_len(offsets.len());
    let trailer = &pdf[trailer_at..];
    let startxref = find(trailer, b"startxref").unwrap_or(trailer.len());
    out.extend_from_slice(&trailer[..startxref]);
    out.extend_from_slice(format!("startxref\n{}\n%%EOF", table + inserted).as_bytes());
    out
}

/// `/BleedBox[…]` as Typst writes its boxes (shortest decimal form).
fn bleed_box_text(rect: [f64; 4]) -> String {
    #[expect(clippy::cast_possible_truncation, reason = "PDF reals are 32-bit")]
    let [a, b, c, d] = rect.map(|v| v as f32);
    format!("/BleedBox[{a} {b} {c} {d}]")
}

/// Where the cross-reference table starts (`startxref` at the end).
fn xref_offset(pdf: &[u8]) -> Result<usize, UnexpectedPdf> {
    let tail = &pdf[pdf.len().saturating_sub(64)..];
    let at = rfind(tail, b"startxref").ok_or(UnexpectedPdf("no startxref"))?;
    let digits: Vec<u8> = tail[at + b"startxref".len()..]
        .iter()
        .copied()
        .skip_while(u8::is_ascii_whitespace)
        .take_while(u8::is_ascii_digit)
        .collect();
    number(&digits)
        .filter(|&offset| offset < pdf.len())
        .ok_or(UnexpectedPdf("a bad startxref"))
}

/// Where the entries of the table at `table` start, and how many there are
/// (`xref\n0 N\n`: a single section from object 0).
fn xref_header(pdf: &[u8], table: usize) -> Result<(usize, usize), UnexpectedPdf> {
    let head = pdf.get(table..).ok_or(UnexpectedPdf("a bad startxref"))?;
    let head = head
        .strip_prefix(b"xref\n0 ")
        .ok_or(UnexpectedPdf("no classic cross-reference table"))?;
    let newline = head
        .iter()
        .position(|&b| b == b'\n')
        .ok_or(UnexpectedPdf("a bad table header"))?;
    let count = number(&head[..newline]).ok_or(UnexpectedPdf("a bad table header"))?;
    Ok((table + b"xref\n0 ".len() + newline + 1, count))
}

/// The length of the table's header and entries for `count` objects.
fn xref_len(count: usize) -> usize {
    format!("xref\n0 {count}\n").len() + count * ENTRY
}

/// The four numbers of `[a b c d]` at the start of `bytes`.
fn rectangle(bytes: &[u8]) -> Result<[f64; 4], UnexpectedPdf> {
    let bad = UnexpectedPdf("a page box is not four numbers");
    let inner = bytes.strip_prefix(b"[").ok_or(bad.clone())?;
    let close = inner.iter().position(|&b| b == b']').ok_or(bad.clone())?;
    let text = std::str::from_utf8(&inner[..close]).map_err(|_| bad.clone())?;
    let values: Vec<f64> = text
        .split_ascii_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| bad.clone())?;
    values.try_into().map_err(|_| bad)
}

fn number(digits: &[u8]) -> Option<usize> {
    std::str::from_utf8(digits).ok()?.trim().parse().ok()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF as Typst lays it out: objects, one table, a trailer.
    fn pdf(objects: &[&str]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let table = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{table}\n%%EOF",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn every_page_gets_its_bleed_box_and_the_table_follows() {
        let page = "<</Type/Page/MediaBox[0 0 612 858]/TrimBox[8.5 8.5 603.5 849.5]/Parent 1 0 R>>";
        let original = pdf(&["<</Type/Pages/Count 2>>", page, "<</Type/Font>>", page]);
        let patched = add_bleed_boxes(&original, 8.5).expect("patched");
        let text = String::from_utf8(patched.clone()).expect("ASCII");
        assert_eq!(
            text.matches("/TrimBox[8.5 8.5 603.5 849.5]/BleedBox[0 0 612 858]")
                .count(),
            2
        );
        // Every entry of the table points at its object's header.
        let table = xref_offset(&patched).expect("startxref");
        let (entries, count) = xref_header(&patched, table).expect("a table");
        assert_eq!(count, 5);
        for object in 1..count {
            let entry = &patched[entries + object * ENTRY..][..10];
            let offset = number(entry).expect("an offset");
            assert!(
                patched[offset..].starts_with(format!("{object} 0 obj").as_bytes()),
                "object {object}"
            );
        }
        assert!(text.ends_with("%%EOF") && text.contains("trailer\n<</Size 5/Root 1 0 R>>"));
    }

    #[test]
    fn the_bleed_box_never_exceeds_the_media() {
        let page = "<</Type/Page/MediaBox[0 0 600 840]/TrimBox[2 2 598 838]>>";
        let patched = add_bleed_boxes(&pdf(&[page]), 8.5).expect("patched");
        assert!(
            String::from_utf8(patched)
                .expect("ASCII")
                .contains("/BleedBox[0 0 600 840]")
        );
    }

    #[test]
    fn a_pdf_without_a_classic_table_is_refused() {
        assert!(add_bleed_boxes(b"%PDF-1.7\nstartxref\n9\n%%EOF", 8.5).is_err());
        assert!(add_bleed_boxes(b"", 8.5).is_err());
    }
}
