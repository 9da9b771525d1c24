/**
 * The agencies of the demo city (示范市): its government and the departments under it, each with a profile of how
 * much disclosure work it does in a year (applications, licences, penalties, documents, fees). The figures are of
 * the order that published reports of a prefecture-level city show; they only shape the generated records.
 */

export const CITY = '示范市';

export interface AgencyProfile {
  /** full name as printed on the report */
  name: string;
  /** the city government itself (makes 规章; its report covers the government as a whole) */
  government: boolean;
  /** applications received in a year (mean) */
  applications: number;
  /** administrative decisions in a year (means) */
  licensing: number;
  punishment: number;
  enforcement: number;
  /** normative documents issued in a year (mean) */
  normativeDocuments: number;
  /** 行政事业性收费 collected in a year, yuan (mean); 0 = none */
  feesYuan: number;
  /** items (事项) in force: licensing, other services, punishment, enforcement, fees */
  items: [number, number, number, number, number];
  /** government procurement projects in a year (mean) */
  procurements: number;
}

type Row = [name: string, applications: number, licensing: number, punishment: number, enforcement: number, docs: number, feesYuan: number, items: AgencyProfile['items'], procurements: number];

/** The departments, in the order of a city's 政府组成部门 and 直属机构 list. */
const DEPARTMENTS: Row[] = [
  ['发展和改革委员会', 14, 120, 4, 0, 4, 0, [38, 12, 20, 2, 3], 6],
  ['教育局', 22, 160, 6, 0, 5, 0, [26, 18, 15, 1, 4], 12],
  ['科学技术局', 4, 10, 0, 0, 2, 0, [6, 9, 4, 0, 0], 3],
  ['工业和信息化局', 6, 40, 5, 0, 3, 0, [12, 10, 18, 1, 0], 4],
  ['公安局', 64, 1800, 3200, 260, 3, 1_250_000, [62, 20, 410, 36, 9], 18],
  ['民政局', 11, 70, 3, 0, 3, 0, [19, 22, 25, 0, 1], 5],
  ['司法局', 7, 60, 2, 0, 2, 0, [14, 12, 22, 0, 0], 3],
  ['财政局', 16, 10, 6, 0, 6, 0, [5, 8, 48, 0, 2], 4],
  ['人力资源和社会保障局', 26, 420, 30, 2, 4, 0, [30, 45, 60, 3, 2], 7],
  ['自然资源和规划局', 92, 900, 70, 12, 5, 2_600_000, [58, 30, 160, 8, 6], 9],
  ['生态环境局', 21, 260, 140, 30, 3, 0, [24, 16, 220, 14, 0], 6],
  ['住房和城乡建设局', 71, 980, 60, 8, 6, 380_000, [47, 28, 300, 6, 4], 8],
  ['交通运输局', 16, 700, 460, 45, 3, 0, [52, 19, 280, 12, 2], 7],
  ['水利局', 8, 180, 20, 3, 2, 210_000, [33, 11, 96, 4, 2], 5],
  ['农业农村局', 10, 300, 45, 4, 3, 0, [44, 25, 310, 10, 1], 6],
  ['商务局', 5, 60, 8, 0, 2, 0, [15, 9, 40, 1, 0], 3],
  ['文化和旅游局', 4, 150, 40, 2, 2, 0, [28, 14, 95, 3, 0], 4],
  ['卫生健康委员会', 19, 520, 110, 6, 4, 0, [40, 26, 190, 7, 2], 9],
  ['退役军人事务局', 5, 0, 0, 0, 1, 0, [0, 12, 0, 0, 0], 2],
  ['应急管理局', 6, 120, 60, 5, 2, 0, [17, 8, 130, 9, 0], 4],
  ['审计局', 3, 0, 2, 0, 1, 0, [0, 3, 12, 0, 0], 2],
  ['人民政府国有资产监督管理委员会', 3, 0, 0, 0, 2, 0, [0, 6, 2, 0, 0], 2],
  ['市场监督管理局', 31, 2600, 850, 120, 4, 90_000, [64, 35, 920, 24, 5], 9],
  ['统计局', 2, 0, 4, 0, 1, 0, [0, 4, 10, 0, 0], 2],
  ['医疗保障局', 9, 20, 18, 0, 2, 0, [6, 15, 60, 0, 0], 3],
  ['城市管理局', 20, 480, 920, 140, 2, 150_000, [36, 12, 560, 21, 3], 6],
  ['林业局', 3, 90, 25, 3, 1, 0, [21, 7, 88, 5, 0], 3],
  ['体育局', 1, 15, 0, 0, 1, 0, [8, 6, 12, 0, 0], 2],
  ['信访局', 3, 0, 0, 0, 1, 0, [0, 3, 0, 0, 0], 1],
  ['行政审批服务局', 13, 5200, 0, 0, 2, 0, [210, 60, 0, 0, 0], 4],
  ['地方金融监督管理局', 2, 8, 3, 0, 1, 0, [5, 4, 16, 0, 0], 1],
  ['人民政府外事办公室', 0, 6, 0, 0, 1, 0, [3, 5, 0, 0, 0], 1],
  ['民族宗教事务局', 1, 20, 1, 0, 1, 0, [9, 6, 18, 0, 0], 1],
  ['人民防空办公室', 2, 60, 4, 1, 1, 260_000, [7, 3, 30, 2, 2], 2],
  ['机关事务管理局', 2, 0, 0, 0, 1, 0, [0, 5, 0, 0, 0], 14],
  ['粮食和物资储备局', 1, 4, 2, 0, 1, 0, [4, 3, 26, 1, 0], 2],
  ['乡村振兴局', 2, 0, 0, 0, 2, 0, [0, 6, 0, 0, 0], 2],
  ['投资促进局', 1, 0, 0, 0, 1, 0, [0, 4, 0, 0, 0], 1],
  ['住房公积金管理中心', 6, 0, 12, 0, 1, 0, [0, 14, 8, 0, 0], 2],
  ['数据资源管理局', 2, 0, 0, 0, 2, 0, [0, 5, 0, 0, 0], 3],
];

export const GOVERNMENT: AgencyProfile = {
  name: `${CITY}人民政府`,
  government: true,
  applications: 84,
  licensing: 0,
  punishment: 0,
  enforcement: 0,
  normativeDocuments: 14,
  feesYuan: 0,
  items: [0, 0, 0, 0, 0],
  procurements: 0,
};

/** How many departments the demo city can have. */
export const MAX_DEPARTMENTS = DEPARTMENTS.length;

/** The government and its first `departments` departments. */
export function cityAgencies(departments: number): AgencyProfile[] {
  if (!Number.isInteger(departments) || departments < 0 || departments > MAX_DEPARTMENTS) {
    throw new RangeError(`示范市的部门数量应为 0 至 ${MAX_DEPARTMENTS} 之间的整数，实为 ${departments}`);
  }
  return [
    GOVERNMENT,
    ...DEPARTMENTS.slice(0, departments).map(([name, applications, licensing, punishment, enforcement, docs, feesYuan, items, procurements]) => ({
      name: `${CITY}${name}`,
      government: false,
      applications,
      licensing,
      punishment,
      enforcement,
      normativeDocuments: docs,
      feesYuan,
      items,
      procurements,
    })),
  ];
}
