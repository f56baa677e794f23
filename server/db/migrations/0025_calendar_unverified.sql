-- Issue 10 (gap E): a calendar year's notice fields that no checked source confirms are data marked UNVERIFIED, not
-- presented as checked. The vendored 2019 notices (国办发明电〔2018〕15号 and 〔2019〕2号) and their gov.cn URLs are
-- given from memory (facts-cn.md does not list them): shown as unverified until the office loads a corrected version
-- (a new version with its reason; a version loaded by the office from the notice itself has none).
alter table holiday_calendar add column unverified text[] not null default '{}';
update holiday_calendar set unverified = '{noticeNo,noticeUrl}' where year = 2019 and version = 1 and source like 'chinese-days%';
