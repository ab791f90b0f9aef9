import {
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  FireOutlined,
  MailOutlined,
  PartitionOutlined,
  RadarChartOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';
import type { Area } from '@/session/access';

/** One icon per area, shared by the navigation and the area pages. */
export const AREA_ICONS: Record<Area, ComponentType> = {
  accounts: BankOutlined,
  segments: PartitionOutlined,
  events: CalendarOutlined,
  campaigns: SendOutlined,
  live: VideoCameraOutlined,
  leads: FireOutlined,
  lookalikes: RadarChartOutlined,
  reports: BarChartOutlined,
  privacy: SafetyCertificateOutlined,
  outbox: MailOutlined,
  users: TeamOutlined,
  settings: SettingOutlined,
};
