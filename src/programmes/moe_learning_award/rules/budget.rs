//! 評審項目 三、每年編列員工學習經費年度額: the planned and the spent amount.

use super::super::model::Budget;
use super::figures::{
    compared_groups, group_path, group_suffix, group_zh, Count, Figures, Measure,
};
use super::REQUIRED as R;
use crate::diagnostics::Text;
use crate::model::{plain_number, Figure};
use crate::rulekit::context::{join, Context};

const PATH: &str = "evaluation.budget";

pub fn check(b: Option<&Budget>, figs: &mut Figures) {
    let Some(b) = b else {
        figs.ctx.missing(R, PATH, "三、每年編列員工學習經費年度額");
        return;
    };
    let planned = join(PATH, "planned");
    let spent = join(PATH, "spent");
    figs.ctx
        .required(R, &planned, "員工學習編列之總經費", b.planned.as_ref());
    figs.ctx
        .required(R, &spent, "實際執行總金額", b.spent.as_ref());
    figs.check(&Count {
        path: planned,
        label: "員工學習編列之總經費",
        figure: b.planned.as_ref(),
        measure: Measure::Amount,
    });
    figs.check(&Count {
        path: spent.clone(),
        label: "實際執行總金額",
        figure: b.spent.as_ref(),
        measure: Measure::Amount,
    });
    if let (Some(planned), Some(x)) = (&b.planned, &b.spent) {
        overspent(&spent, planned, x, figs.ctx);
    }
}

/// Spending more than planned may be true (a supplementary budget) but is worth a warning; per
/// group for a school, so teachers overspending is not hidden by staff saving.
fn overspent(path: &str, planned: &Figure, spent: &Figure, ctx: &mut Context) {
    for &g in compared_groups(planned, spent) {
        let (Some(p), Some(x)) = (planned.get(g), spent.get(g)) else {
            continue;
        };
        if x <= p || p < 0.0 {
            continue;
        }
        ctx.warning(
            "MOE-BUDGET-OVERSPENT",
            &group_path(path, g),
            Text::new(
                format!(
                    "{}實際執行 {} 元超過編列 {} 元",
                    group_zh(g),
                    plain_number(x),
                    plain_number(p)
                ),
                format!(
                    "spending NT${} exceeds the budget NT${}{}",
                    plain_number(x),
                    plain_number(p),
                    group_suffix(g)
                ),
            ),
            Text::new(
                "這可以是事實（例如追加預算），請在 description 說明原因。",
                "this may be true (e.g. a supplementary budget); explain it in description.",
            ),
        );
    }
}
