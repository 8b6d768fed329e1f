/**
 * Client-side contacts for activities.csv: invented names, Chinese for most
 * accounts, a mix of English and Chinese names for the multinationals.
 */
import type { Rng } from './prng.js';

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '林', '何', '高', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余',
  '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '沈', '姚', '卢', '钟', '姜', '崔', '谭', '陆', '范', '汪', '廖',
  '司马', '欧阳', '上官',
];

const GIVEN = [
  '建华', '国强', '志刚', '海燕', '秀英', '丽华', '文博', '子涵', '雨桐', '浩然', '思远', '晓东', '立新', '春梅', '振宇',
  '俊杰', '慧敏', '宏伟', '佳怡', '明辉', '晨', '磊', '静', '洁', '勇', '涛', '鹏', '琳', '峰', '倩', '昊', '颖', '凯',
  '宇航', '欣怡', '天佑', '嘉豪', '婉清', '梦琪', '志远', '永康', '红梅', '亚男', '德明', '书瑶', '一鸣', '若曦', '泽宇',
];

const ENGLISH_FIRST = ['Thomas', 'Sarah', 'Michael', 'Anna', 'David', 'Laura', 'Peter', 'Emma', 'Daniel', 'Claire', 'Oliver', 'Julia', 'Mark', 'Sophie', 'Andrew', 'Grace'];
const ENGLISH_LAST = ['Becker', 'Schmidt', 'Wright', 'Martin', 'Fischer', 'Dubois', 'Hughes', 'Lambert', 'Keller', 'Moreau', 'Turner', 'Walsh', 'Weber', 'Clarke'];
/** Chinese staff of multinationals often write their names in this order. */
const PINYIN_SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Zhou', 'Wu', 'Xu', 'Sun', 'Ma', 'Gao', 'Lin'];
const PINYIN_GIVEN = ['Wei', 'Jing', 'Lei', 'Min', 'Yan', 'Tao', 'Hui', 'Bo', 'Xin', 'Qiang', 'Ying', 'Jun', 'Rui', 'Na'];

/** Draws names, never the same one twice (and never one in `taken`). */
export class NameBook {
  private readonly used: Set<string>;

  constructor(private readonly rng: Rng, taken: Iterable<string>) {
    this.used = new Set(taken);
  }

  name(international: boolean): string {
    for (let i = 0; i < 1000; i++) {
      const style = international ? this.rng.weighted([['english', 5], ['pinyin', 3], ['chinese', 4]] as const) : 'chinese';
      const candidate =
        style === 'english' ? `${this.rng.pick(ENGLISH_FIRST)} ${this.rng.pick(ENGLISH_LAST)}`
        : style === 'pinyin' ? `${this.rng.pick(PINYIN_GIVEN)} ${this.rng.pick(PINYIN_SURNAMES)}`
        : `${this.rng.pick(SURNAMES)}${this.rng.pick(GIVEN)}`;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    throw new Error('ran out of contact names');
  }
}
