import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CompanyTier } from '@fulcrum/shared';

@Entity({ name: 'companies' })
export class CompanyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'normalized_name', type: 'text' })
  normalizedName: string;

  @Column({ type: 'text', nullable: true })
  domain: string | null;

  @Column({ name: 'credit_code', type: 'text', nullable: true })
  creditCode: string | null;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ name: 'sub_industry', type: 'text', nullable: true })
  subIndustry: string | null;

  @Column({ type: 'int', nullable: true })
  employees: number | null;

  @Column({ name: 'employee_band', type: 'text', nullable: true })
  employeeBand: string | null;

  @Column({ name: 'revenue_band', type: 'text', nullable: true })
  revenueBand: string | null;

  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ type: 'text', nullable: true })
  province: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'text', nullable: true })
  ownership: string | null;

  @Column({ name: 'founded_year', type: 'int', nullable: true })
  foundedYear: number | null;

  @Column({ name: 'tech_tags', type: 'text', array: true, default: () => "'{}'" })
  techTags: string[];

  @Column({ type: 'text', nullable: true })
  tier: CompanyTier | null;

  @Column({ name: 'sales_owner_id', type: 'uuid', nullable: true })
  salesOwnerId: string | null;

  @Column({ type: 'text', default: 'manual' })
  source: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
