/**
 * The fixed cast of the key-account dataset: people, customers and products.
 * Names and flags are written out by hand (they are the story); the numbers
 * that vary (targets, start dates, deals) are drawn from seeded streams.
 */

export type Province = '广东' | '江苏' | '浙江' | '上海' | '北京' | '山东' | '四川' | '湖北';
export type Sector = 'energy' | 'telecom' | 'government' | 'finance' | 'manufacturing' | 'healthcare';

/** Regional sales managers, by the provinces they cover. */
export const MANAGERS: Record<Province, string> = {
  广东: '陈志强',
  江苏: '刘芳',
  浙江: '刘芳',
  上海: '刘芳',
  北京: 'Michael Zhang',
  山东: 'Michael Zhang',
  四川: '赵建国',
  湖北: '赵建国',
};

export interface RepEntry {
  name: string;
  region: Province;
  /** Fixed start date; absent means drawn from the `reps` stream (before mid-2025). */
  startDate?: string;
  /** Fixed annual floor target in whole yuan; absent means drawn from the `reps` stream. */
  floorTarget?: number;
}

/** Account managers R01, R02, ... in this order. */
export const REP_ENTRIES: readonly RepEntry[] = [
  { name: '王伟', region: '广东', floorTarget: 20_000_000 },
  { name: '李娜', region: '广东' },
  { name: 'Kevin Liu', region: '广东' },
  { name: '张敏', region: '江苏' },
  { name: '刘洋', region: '江苏', floorTarget: 12_500_000 },
  { name: 'Emily Chen', region: '浙江' },
  { name: '陈静', region: '浙江' },
  { name: '杨磊', region: '上海' },
  { name: 'Li, Jessica', region: '上海' },
  { name: '黄婷', region: '北京' },
  { name: '赵军', region: '北京' },
  { name: 'Zhou Hao', region: '北京' },
  { name: '吴霞', region: '山东' },
  { name: '徐明', region: '山东' },
  { name: '孙丽', region: '四川' },
  { name: '马超', region: '四川' },
  { name: 'Wang Fang', region: '湖北' },
  { name: '朱琳', region: '湖北' },
  { name: '胡斌', region: '上海', startDate: '2025-10-08' },
  { name: '郭勇', region: '广东', floorTarget: 10_000_000 },
  { name: '何欣', region: '江苏' },
  { name: '林峰', region: '浙江', startDate: '2026-05-18', floorTarget: 8_000_000 },
  { name: 'Sophie Xu', region: '四川', startDate: '2026-07-01', floorTarget: 8_000_000 },
  { name: '欧阳晓明', region: '北京', startDate: '2026-09-14', floorTarget: 8_000_000 },
];

export interface AccountEntry {
  name: string;
  sector: Sector;
  province: Province;
  /** `S1`..`S8` for strategic accounts, `M1`..`M4` for must-win accounts (the plan refers to them so). */
  key?: string;
}

/** Customers A001, A002, ... in this order. */
export const ACCOUNT_ENTRIES: readonly AccountEntry[] = [
  { name: '国家电网江苏省电力有限公司', sector: 'energy', province: '江苏', key: 'S1' },
  { name: '江苏银行股份有限公司', sector: 'finance', province: '江苏' },
  { name: '中国移动广东公司', sector: 'telecom', province: '广东', key: 'S4' },
  { name: '南方电网广东电网有限责任公司', sector: 'energy', province: '广东', key: 'M1' },
  { name: '美的集团股份有限公司', sector: 'manufacturing', province: '广东' },
  { name: '北京市海淀区人民政府', sector: 'government', province: '北京' },
  { name: '中国工商银行北京分行', sector: 'finance', province: '北京', key: 'S2' },
  { name: '中国联通四川省分公司', sector: 'telecom', province: '四川' },
  { name: '上海市大数据中心', sector: 'government', province: '上海', key: 'S5' },
  { name: '中国电信江苏分公司', sector: 'telecom', province: '江苏', key: 'M2' },
  { name: '杭州市数据资源管理局', sector: 'government', province: '浙江' },
  { name: '比亚迪股份有限公司', sector: 'manufacturing', province: '广东', key: 'S3' },
  { name: 'Siemens Healthineers (China) Co., Ltd.', sector: 'healthcare', province: '上海', key: 'S8' },
  { name: '北京协和医院', sector: 'healthcare', province: '北京' },
  { name: '浙江省政务服务管理办公室', sector: 'government', province: '浙江', key: 'M3' },
  { name: '成都市"智慧蓉城"运行中心', sector: 'government', province: '四川' },
  { name: '四川省人民医院', sector: 'healthcare', province: '四川', key: 'S6' },
  { name: '上海汽车集团股份有限公司', sector: 'manufacturing', province: '上海' },
  { name: '海尔集团公司', sector: 'manufacturing', province: '山东' },
  { name: '招商银行深圳分行', sector: 'finance', province: '广东', key: 'M4' },
  { name: '中国石化浙江石油分公司', sector: 'energy', province: '浙江', key: 'S7' },
  { name: '复旦大学附属中山医院', sector: 'healthcare', province: '上海' },
  { name: '国网山东省电力公司', sector: 'energy', province: '山东' },
  { name: 'HSBC Bank (China) Co., Ltd. Shanghai Branch', sector: 'finance', province: '上海' },
  { name: '东风汽车集团有限公司', sector: 'manufacturing', province: '湖北' },
  { name: '苏州工业园区管理委员会', sector: 'government', province: '江苏' },
  { name: '四川大学华西医院', sector: 'healthcare', province: '四川' },
  { name: '深圳市政务服务和数据管理局', sector: 'government', province: '广东' },
  { name: '中国铁塔北京市分公司', sector: 'telecom', province: '北京' },
  { name: '山东省大数据局', sector: 'government', province: '山东' },
  { name: '华能浙江能源开发有限公司', sector: 'energy', province: '浙江' },
  { name: '武汉市数据局', sector: 'government', province: '湖北' },
  { name: 'Schneider Electric (China) Co., Ltd.', sector: 'manufacturing', province: '北京' },
  { name: '江苏省人民医院', sector: 'healthcare', province: '江苏' },
  { name: '浙江吉利控股集团有限公司', sector: 'manufacturing', province: '浙江' },
  { name: '中国人寿保险广东省分公司', sector: 'finance', province: '广东' },
  { name: '华中科技大学同济医学院附属同济医院', sector: 'healthcare', province: '湖北' },
  { name: '国家能源集团四川能源有限公司', sector: 'energy', province: '四川' },
  { name: 'AstraZeneca Investment (China) Co., Ltd.', sector: 'healthcare', province: '江苏' },
  { name: '中国广电上海网络股份有限公司', sector: 'telecom', province: '上海' },
];

export type ProductFamily = 'platform' | 'services' | 'hardware';

export interface ProductEntry {
  product: string;
  family: ProductFamily;
  /** Whole yuan. */
  listPrice: number;
  /** Relative frequency on deals. */
  weight: number;
}

export const PRODUCT_ENTRIES: readonly ProductEntry[] = [
  { product: 'CloudCore Platform', family: 'platform', listPrice: 1_800_000, weight: 4 },
  { product: 'DataHub Enterprise', family: 'platform', listPrice: 950_000, weight: 3 },
  { product: 'Implementation Services', family: 'services', listPrice: 600_000, weight: 3 },
  { product: 'Managed Operations', family: 'services', listPrice: 1_200_000, weight: 2 },
  { product: 'Edge Gateway EG-200', family: 'hardware', listPrice: 280_000, weight: 2 },
  { product: 'Grid Controller GC-X', family: 'hardware', listPrice: 450_000, weight: 2 },
];
