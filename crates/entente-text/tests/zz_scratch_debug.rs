use entente_text::{clean, Format};
#[test]
fn dump() {
    for e in std::fs::read_dir("/work/shared/corpus/seeds").unwrap() {
        let p = e.unwrap().path();
        let raw = std::fs::read_to_string(&p).unwrap();
        let d = clean(&raw, Format::Text);
        println!("=========== {:?} title={:?}", p.file_name().unwrap(), d.title);
        for b in &d.blocks { let t: String = b.text.chars().take(90).collect(); println!("  {:?} {}", b.kind, t); }
        for x in &d.dropped { let t: String = x.chars().take(90).collect(); println!("  DROP {}", t); }
        println!("  date={:?}", entente_text::pubdate::stated_date(&raw, &d));
        println!("  outlet={:?}", entente_text::outlet::outlet(&raw, &d));
    }
}
