//! A hand-built book that exercises every kind of block the writers handle, and helpers to
//! read a DOCX back.
#![allow(dead_code)]

use appbook::book::numbering::label;
use appbook::book::*;
use std::io::Read;
use std::path::Path;

/// A testimonial with every character XML treats specially.
pub const SPECIAL: &str = "主管說：「<學習> & \"成長\" 是 'A&B' 的事」 a<b>c";

fn section(
    level: u8,
    n: Option<u32>,
    title: &str,
    blocks: Vec<Block>,
    children: Vec<Section>,
) -> Section {
    Section {
        level,
        number: n.map(|n| label(level, n)),
        title: title.to_string(),
        toc: level <= 3,
        page_break: level == 1,
        blocks,
        children,
    }
}

fn para(text: &str) -> Block {
    Block::Paragraph {
        text: text.to_string(),
    }
}

/// Writes a PNG, a JPEG and a PDF into `dir` and returns a book that embeds them.
pub fn sample_book(dir: &Path) -> Book {
    let png = dir.join("org-chart.png");
    let jpg = dir.join("photo.jpg");
    let pdf = dir.join("regulations.pdf");
    image::RgbImage::from_fn(400, 300, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    })
    .save_with_format(&png, image::ImageFormat::Png)
    .unwrap();
    image::RgbImage::from_fn(600, 900, |x, y| {
        image::Rgb([200, (x % 256) as u8, (y % 256) as u8])
    })
    .save_with_format(&jpg, image::ImageFormat::Jpeg)
    .unwrap();
    // A real one-page PDF: the DOCX carries its page as a picture.
    std::fs::copy(
        super::root().join("samples/moe-learning-award/agency/attachments/regulations.pdf"),
        &pdf,
    )
    .unwrap();

    let basic = Table {
        columns: vec![2.0, 3.0, 2.0, 3.0],
        rows: vec![
            vec![
                Cell::label("申請獎勵年度"),
                Cell::text("113 年度").span(3, 1),
            ],
            vec![
                Cell::label("申請單位名稱"),
                Cell::text("財團法人測試學習基金會").span(3, 1),
            ],
            vec![
                Cell::label("代表人或負責人").span(1, 2),
                Cell::label("姓名"),
                Cell::text("王大明").span(2, 1),
            ],
            vec![Cell::label("職稱"), Cell::text("董事長").span(2, 1)],
            vec![
                Cell::label("員工總數"),
                Cell::text("120 人"),
                Cell::label("E-mail"),
                Cell::text("hr@example.org.tw"),
            ],
            vec![
                Cell::label("通訊地址"),
                Cell::lines(vec!["臺北市中正區".into(), "測試路 1 號 5 樓".into()]).span(3, 1),
            ],
        ],
    };

    let mut items = Vec::new();
    for n in 1..=11u32 {
        let mut blocks = vec![
            Block::Check {
                checked: n % 2 == 1,
                text: "是".into(),
                details: Vec::new(),
            },
            Block::Check {
                checked: n % 2 == 0,
                text: "否".into(),
                details: Vec::new(),
            },
            para(&format!(
                "第 {n} 項的說明：本單位依年度訓練計畫辦理員工學習活動，並定期檢討成效。"
            )),
        ];
        let mut children = Vec::new();
        if n == 1 {
            blocks.push(Block::Line {
                text: "平均每位員工帶薪學習時數 = 1,200 / 120 = 10.00 小時".into(),
            });
            children.push(section(
                3,
                Some(1),
                "學習需求調查",
                vec![para("每年十二月以問卷調查各單位學習需求。")],
                vec![section(
                    4,
                    Some(1),
                    "問卷設計",
                    vec![para("問卷由人事室設計。")],
                    vec![section(
                        5,
                        Some(1),
                        "問卷題目",
                        vec![para("共二十題。")],
                        vec![],
                    )],
                )],
            ));
            children.push(section(
                3,
                Some(2),
                "滿意度調查",
                vec![para("課後填寫滿意度問卷。")],
                vec![],
            ));
        }
        if n == 5 {
            blocks.push(Block::Testimonial {
                author: "李小華".into(),
                title: Some("人事專員".into()),
                text: "參加數位學習課程後，工作效率明顯提升。".into(),
            });
            blocks.push(Block::Testimonial {
                author: "陳志明".into(),
                title: None,
                text: SPECIAL.into(),
            });
            blocks.push(Block::Testimonial {
                author: "張美玲".into(),
                title: Some("會計".into()),
                text: "第一段心得。\n第二段心得，#read(\"/etc/passwd\") 照原樣印出。".into(),
            });
        }
        items.push(section(
            2,
            Some(n),
            &format!("評審項目第{n}項"),
            blocks,
            children,
        ));
    }

    let mut sections = vec![
        section(
            1,
            Some(1),
            "基本資料表",
            vec![
                Block::Table(basic),
                Block::SealBoxes {
                    captions: vec!["申請單位用印處".into(), "代表人或負責人用印處".into()],
                },
            ],
            vec![],
        ),
        section(1, Some(2), "評審項目", vec![para("以下逐項說明。")], items),
    ];
    for n in 3..=11u32 {
        sections.push(section(
            1,
            Some(n),
            &format!("其他事項{n}"),
            vec![para("無。")],
            vec![],
        ));
    }
    let attachment = |n: u32, title: &str, file: &Path, kind: EmbedKind| Section {
        level: 1,
        number: None,
        title: format!("附件{n} {title}"),
        toc: true,
        page_break: true,
        blocks: vec![Block::Embed {
            file: file.to_path_buf(),
            kind,
            pages: (kind == EmbedKind::Pdf).then_some(1),
            pixels: None,
            dpi: None,
        }],
        children: vec![],
    };
    sections.push(attachment(1, "組織圖", &png, EmbedKind::Png));
    sections.push(attachment(2, "活動照片", &jpg, EmbedKind::Jpeg));
    sections.push(attachment(3, "員工學習規章", &pdf, EmbedKind::Pdf));

    Book {
        meta: Meta {
            title: "中央政府推動建立員工學習制度獎勵申請書".into(),
            author: "財團法人測試學習基金會 & <夥伴>".into(),
            subject: "員工學習".into(),
            keywords: vec!["員工學習".into(), "申請書".into()],
            date: appbook::model::Date::new(2025, 6, 1),
        },
        cover: Cover {
            title: vec!["中央政府推動建立員工學習制度獎勵".into(), "申請書".into()],
            fields: vec![
                ("申請單位：".into(), "財團法人測試學習基金會".into()),
                ("主管機關".into(), "教育部".into()),
            ],
            date_line: "中華民國 114 年 6 月".into(),
        },
        toc_title: "目次".into(),
        sections,
    }
}

/// The parts of a DOCX (zip) by name.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut f = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"));
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

/// One paragraph of document.xml: its style, list id (if any) and text.
#[derive(Debug, Default, Clone)]
pub struct Para {
    pub style: String,
    pub num_id: Option<String>,
    pub ilvl: Option<String>,
    pub text: String,
    pub instr: String,
    pub bookmarks: Vec<String>,
    pub page_break_before: bool,
}

/// The paragraphs of a WordprocessingML part, read with quick-xml (text unescaped).
pub fn paragraphs(xml: &str) -> Vec<Para> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur: Option<Para> = None;
    let mut in_t = false;
    let mut in_instr = false;
    let attr = |e: &quick_xml::events::BytesStart, key: &[u8]| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| a.unescape_value().unwrap().into_owned())
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Empty(e) if e.name().as_ref() == b"w:p" => out.push(Para::default()),
            Event::Start(e) if e.name().as_ref() == b"w:p" => cur = Some(Para::default()),
            Event::Start(e) | Event::Empty(e) => {
                if let Some(p) = cur.as_mut() {
                    match e.name().as_ref() {
                        b"w:pStyle" => p.style = attr(&e, b"w:val").unwrap_or_default(),
                        b"w:numId" => p.num_id = attr(&e, b"w:val"),
                        b"w:ilvl" => p.ilvl = attr(&e, b"w:val"),
                        b"w:pageBreakBefore" => p.page_break_before = true,
                        b"w:bookmarkStart" => {
                            p.bookmarks.push(attr(&e, b"w:name").unwrap_or_default())
                        }
                        b"w:t" => in_t = true,
                        b"w:instrText" => in_instr = true,
                        _ => {}
                    }
                }
            }
            Event::Text(t) => {
                if let Some(p) = cur.as_mut() {
                    let s = t.unescape().unwrap().into_owned();
                    if in_t {
                        p.text.push_str(&s);
                    } else if in_instr {
                        p.instr.push_str(&s);
                    }
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:instrText" => in_instr = false,
                b"w:p" => {
                    if let Some(p) = cur.take() {
                        out.push(p);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}
