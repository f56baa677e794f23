/**
 * Dictionary part: Public site words (the public site is rendered by the server; kept here for it).
 * Composed into the one dictionary in ../dict.ts; `en` is typed by the keys of `zh`, so a key missing in either
 * language fails compilation. Key prefixes here: pub.
 */
export const zh = {
  // public site
  'pub.title': '公开信息',
  'pub.subtitle': '芜湖市淘汰落后产能工作公开信息',
  'pub.yellow': '黄牌名单',
  'pub.yellowDesc': '不达标、须限期整改的企业（§3.3）',
  'pub.red': '红牌名单',
  'pub.redDesc': '整改后仍不达标、已依法关停的企业（§3.3）',
  'pub.overEmission': '超标排放企业名单',
  'pub.overEmissionDesc': '生态环境部门定期公布（§3.3）',
  'pub.annualExit': '年度退出名单',
  'pub.annualExitDesc': '年度退出企业、设备（生产线）及产能（§3.3）',
  'pub.pending': '名单即将发布',
  'pub.consoleLink': '工作人员登录',
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'pub.title': 'Public information',
  'pub.subtitle': 'Wuhu City: public information on the exit of outdated capacity',
  'pub.yellow': 'Yellow-card list',
  'pub.yellowDesc': 'Enterprises failing the standards that must rectify within a time limit (§3.3)',
  'pub.red': 'Red-card list',
  'pub.redDesc': 'Enterprises still failing after rectification and closed by law (§3.3)',
  'pub.overEmission': 'Enterprises exceeding emission standards',
  'pub.overEmissionDesc': 'Published regularly by the ecology and environment bureau (§3.3)',
  'pub.annualExit': 'Annual exit list',
  'pub.annualExitDesc': 'Enterprises, equipment (lines) and capacity exiting this year (§3.3)',
  'pub.pending': 'To be published',
  'pub.consoleLink': 'Staff sign-in',
};
