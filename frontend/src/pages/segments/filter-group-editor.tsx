import { Fragment } from 'react';
import type { CSSProperties } from 'react';
import { Button, Flex, Segmented, Select, Tooltip, Typography } from 'antd';
import { CloseOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SEGMENT_LIMITS } from '@fulcrum/shared';
import type { Operator, SegmentCondition, SegmentField, SegmentGroup } from '@fulcrum/shared';
import { ConditionValueEditor } from '@/pages/segments/condition-value';
import { changeField, changeOperator, groupDepth, newCondition, operatorsFor, pathKey, withValue } from '@/pages/segments/filter-tree';
import type { ConditionValue, NodePath, SegmentNode } from '@/pages/segments/filter-tree';
import { useSegmentLabels } from '@/pages/segments/segment-labels';
import type { BuilderProblem } from '@/pages/segments/segment-labels';

/** Edits of the tree, addressed by path; the page applies them to its state. */
export interface FilterTreeEditor {
  update: (path: NodePath, update: (node: SegmentNode) => SegmentNode) => void;
  add: (groupPath: NodePath, child: SegmentNode) => void;
  remove: (path: NodePath) => void;
  setCombinator: (groupPath: NodePath, combinator: SegmentGroup['combinator']) => void;
}

interface EditorContext {
  editor: FilterTreeEditor;
  problems: ReadonlyMap<string, BuilderProblem[]>;
  /** No more conditions may be added (SEGMENT_LIMITS.conditions). */
  full: boolean;
}

// One colour per nesting level, so a group's border shows where it ends.
const LEVEL_COLORS = ['#3451d1', '#13a8a8', '#d48806', '#722ed1', '#c41d7f', '#389e0d'];

function ProblemText({ problems, node }: { problems: BuilderProblem[] | undefined; node: SegmentNode | undefined }) {
  const labels = useSegmentLabels();
  if (!problems?.length) return null;
  return (
    <div className="filter-problem" role="alert">
      {problems.map((problem, index) => (
        <Typography.Text key={index} type={problem.code === 'segment.bad_value' ? 'warning' : 'danger'} className="filter-problem-text">
          {labels.problem(problem, node)}
        </Typography.Text>
      ))}
    </div>
  );
}

function ConditionRow({ condition, path, context }: { condition: SegmentCondition; path: NodePath; context: EditorContext }) {
  const { t } = useTranslation();
  const labels = useSegmentLabels();
  const key = pathKey(path);
  const problems = context.problems.get(key);
  const update = (next: (current: SegmentCondition) => SegmentCondition) =>
    context.editor.update(path, (node) => (node.kind === 'condition' ? next(node) : node));

  return (
    <div className={`condition-row${problems?.length ? ' has-problem' : ''}`} data-testid="segment-condition" data-path={key}>
      <Select<SegmentField>
        data-testid="condition-field"
        aria-label={t('segments.builder.field')}
        className="condition-field"
        value={condition.field}
        options={labels.fieldOptions}
        showSearch={{ optionFilterProp: 'label' }}
        popupMatchSelectWidth={false}
        onChange={(field) => update((current) => changeField(current, field))}
      />
      <Select<string>
        data-testid="condition-operator"
        aria-label={t('segments.builder.operator')}
        className="condition-operator"
        value={condition.op}
        status={problems?.some((problem) => problem.code === 'segment.bad_operator') ? 'error' : undefined}
        options={operatorsFor(condition.field).map((op) => ({ value: op, label: labels.operator(op) }))}
        popupMatchSelectWidth={false}
        onChange={(op) => update((current) => changeOperator(current, op as Operator))}
      />
      <div className="condition-value-cell">
        <ConditionValueEditor
          condition={condition}
          invalid={Boolean(problems?.length)}
          onChange={(value: ConditionValue) => update((current) => withValue(current, value))}
        />
      </div>
      <Tooltip title={t('segments.builder.removeCondition')}>
        <Button
          type="text"
          className="condition-remove"
          icon={<CloseOutlined />}
          aria-label={t('segments.builder.removeCondition')}
          data-testid="condition-remove"
          onClick={() => context.editor.remove(path)}
        />
      </Tooltip>
      <ProblemText problems={problems} node={condition} />
    </div>
  );
}

function GroupEditor({ group, path, context }: { group: SegmentGroup; path: NodePath; context: EditorContext }) {
  const { t } = useTranslation();
  const key = pathKey(path);
  const depth = groupDepth(path);
  const isRoot = path.length === 0;
  const atDepthLimit = depth >= SEGMENT_LIMITS.depth;
  const atSizeLimit = context.full || group.children.length >= SEGMENT_LIMITS.conditions;
  const style = { '--group-color': LEVEL_COLORS[(depth - 1) % LEVEL_COLORS.length] } as CSSProperties;
  const join = t(group.combinator === 'and' ? 'segments.builder.joinAnd' : 'segments.builder.joinOr');

  const addGroup = () => {
    // A nested group usually says the opposite of its parent: "all of … and any of these".
    const combinator = group.combinator === 'and' ? 'or' : 'and';
    context.editor.add(path, { kind: 'group', combinator, children: [newCondition()] });
  };

  return (
    <div
      className={`filter-group${isRoot ? ' filter-group-root' : ''}`}
      style={style}
      data-testid={isRoot ? 'segment-root' : 'segment-group'}
      data-path={key}
      data-depth={depth}
      role="group"
    >
      <Flex className="filter-group-head" align="center" gap={8} wrap>
        <Typography.Text>{t('segments.builder.combinatorBefore')}</Typography.Text>
        <Segmented<SegmentGroup['combinator']>
          size="small"
          data-testid="group-combinator"
          value={group.combinator}
          options={[
            { value: 'and', label: t('segments.builder.and') },
            { value: 'or', label: t('segments.builder.or') },
          ]}
          onChange={(combinator) => context.editor.setCombinator(path, combinator)}
        />
        <Typography.Text>{t('segments.builder.combinatorAfter')}</Typography.Text>
        {isRoot ? null : (
          <Tooltip title={t('segments.builder.removeGroup')}>
            <Button
              type="text"
              size="small"
              danger
              className="filter-group-remove"
              icon={<DeleteOutlined />}
              aria-label={t('segments.builder.removeGroup')}
              data-testid="group-remove"
              onClick={() => context.editor.remove(path)}
            />
          </Tooltip>
        )}
      </Flex>
      <ProblemText problems={context.problems.get(key)} node={group} />
      <div className="filter-group-children">
        {group.children.length === 0 ? (
          <Typography.Text type="secondary" className="filter-group-empty">
            {t(isRoot ? 'segments.builder.emptyRoot' : 'segments.builder.emptyGroup')}
          </Typography.Text>
        ) : null}
        {group.children.map((child, index) => {
          const childPath = [...path, index];
          return (
            // Children have no identity of their own; every editor is controlled, so the index is a safe key.
            <Fragment key={index}>
              {index > 0 ? (
                <div className="filter-join" aria-hidden>
                  {join}
                </div>
              ) : null}
              {child.kind === 'group' ? (
                <GroupEditor group={child} path={childPath} context={context} />
              ) : (
                <ConditionRow condition={child} path={childPath} context={context} />
              )}
            </Fragment>
          );
        })}
      </div>
      <Flex gap={8} wrap className="filter-group-actions">
        <Tooltip title={atSizeLimit ? t('segments.builder.conditionLimit', { max: SEGMENT_LIMITS.conditions }) : undefined}>
          <Button size="small" icon={<PlusOutlined />} disabled={atSizeLimit} data-testid="add-condition" onClick={() => context.editor.add(path, newCondition())}>
            {t('segments.builder.addCondition')}
          </Button>
        </Tooltip>
        <Tooltip
          title={
            atDepthLimit
              ? t('segments.builder.depthLimit', { depth: SEGMENT_LIMITS.depth })
              : atSizeLimit
                ? t('segments.builder.conditionLimit', { max: SEGMENT_LIMITS.conditions })
                : undefined
          }
        >
          <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={atDepthLimit || atSizeLimit} data-testid="add-group" onClick={addGroup}>
            {t('segments.builder.addGroup')}
          </Button>
        </Tooltip>
      </Flex>
    </div>
  );
}

/** The visual filter builder: the root group, its conditions and nested groups, with problems beside them. */
export function FilterGroupEditor({
  root,
  editor,
  problems,
  conditionCount,
}: {
  root: SegmentGroup;
  editor: FilterTreeEditor;
  problems: ReadonlyMap<string, BuilderProblem[]>;
  conditionCount: number;
}) {
  return <GroupEditor group={root} path={[]} context={{ editor, problems, full: conditionCount >= SEGMENT_LIMITS.conditions }} />;
}
